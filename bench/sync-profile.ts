/**
 * A profile of one school's first push (not a benchmark of the list: it prints figures to read):
 * `npx tsx bench/sync-profile.ts [STUDENTS] [DAYS] [ROUNDS]`. Per round, a fresh central database
 * and laptop, one runSync timed whole and to the end of its push, the laptop's CPU
 * (process.cpuUsage) and the server's (its backends' /proc times, read while they live), then a
 * plain COPY of the same rows into an unindexed table, as sync.push.initial.1m does, and one into
 * a table with attendance's real layout (sync-world.ts, layoutCopyMs).
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { runSync } from '../main/backend/sync/run-sync';
import { median } from './harness';
import {
  attendanceAsPushed,
  benchCentral,
  benchDir,
  benchLaptop,
  layoutCopyMs,
  plainCopyMs,
} from './sync-world';

const students = Number(process.argv[2] ?? 1_000);
const days = Number(process.argv[3] ?? 100);
const rounds = Number(process.argv[4] ?? 3);
const TICK = 100; // USER_HZ: /proc/PID/stat's clock ticks per second on Linux

function cpuOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICK;
  } catch {
    return null;
  }
}

/** Watches the backends of one database, remembering each one's last CPU time. */
function watchServer(url: string, database: string) {
  const seen = new Map<number, number>();
  const c = new pg.Client({ connectionString: url });
  let stop = false;
  const done = (async () => {
    await c.connect();
    const me = Number((await c.query<{ p: number }>('SELECT pg_backend_pid() AS p')).rows[0]?.p);
    while (!stop) {
      const r = await c.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> $2',
        [database, me],
      );
      for (const { pid } of r.rows) seen.set(pid, cpuOf(pid) ?? seen.get(pid) ?? 0);
      for (const pid of seen.keys()) seen.set(pid, cpuOf(pid) ?? seen.get(pid) ?? 0);
      await new Promise((res) => setTimeout(res, 20));
    }
    await c.end();
  })();
  return {
    async total() {
      stop = true;
      await done;
      return [...seen.values()].reduce((a, b) => a + b, 0);
    },
  };
}

const out: Record<string, number[]> = {};
/**
 * SYNC_PROF=1: the server CPU and the wall time of each statement the sync sends, by its first
 * words, read from the client's own backend (pg's processID) before and after it; a COPY stream
 * is read when it finishes. Statements that overlap on one connection (the next batch's read runs
 * while a merge is on the server) are each charged whole, so the laptop's share is apart below.
 */
const statements = new Map<string, { cpu: number; wall: number; n: number }>();
if (process.env.SYNC_PROF) {
  const proto = pg.Client.prototype as unknown as Record<string, unknown>;
  const query = proto.query as (this: pg.Client, q: unknown, p?: unknown) => unknown;
  const charge = (label: string, pid: number, cpu0: number, t0: number) => {
    const s = statements.get(label) ?? { cpu: 0, wall: 0, n: 0 };
    s.cpu += (cpuOf(pid) ?? cpu0) - cpu0;
    s.wall += (performance.now() - t0) / 1000;
    s.n += 1;
    statements.set(label, s);
  };
  proto.query = function (this: pg.Client, q: unknown, p?: unknown) {
    const pid = (this as unknown as { processID: number }).processID;
    const cpu0 = cpuOf(pid) ?? 0;
    const t0 = performance.now();
    const text = typeof q === 'string' ? q : ((q as { text?: string }).text ?? 'COPY');
    const label = text.replace(/\s+/g, ' ').trim().slice(0, 48);
    const r = query.call(this, q, p);
    if (r instanceof Promise) {
      return r.finally(() => charge(label, pid, cpu0, t0));
    }
    if (r && typeof (r as NodeJS.EventEmitter).on === 'function') {
      (r as NodeJS.EventEmitter).on('finish', () => charge(label, pid, cpu0, t0));
    }
    return r;
  };
}
const note = (k: string, v: number) => (out[k] ??= []).push(v);

for (let round = 0; round < rounds; round++) {
  const { dir, remove } = benchDir('beacon-sync-profile-');
  const central = await benchCentral(dir);
  try {
    const laptop = await benchLaptop(dir, central, students, days);
    const database = new URL(central.url).pathname.slice(1);
    const server = watchServer(central.url, database);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let pushEnd = 0;
    const r = await runSync(laptop.db, laptop.secrets, {
      batchSize: 20_000,
      onProgress: (p) => {
        if (p.phase === 'pulling' && !pushEnd) pushEnd = performance.now();
      },
    });
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const serverCpu = await server.total();
    const data = attendanceAsPushed(laptop.db);
    laptop.close();
    const c = new pg.Client({ connectionString: central.url });
    await c.connect();
    const pid = Number((await c.query<{ p: number }>('SELECT pg_backend_pid() AS p')).rows[0]?.p);
    const c0 = cpuOf(pid) ?? 0;
    const raw = await plainCopyMs(c, data);
    const rawCpu = (cpuOf(pid) ?? 0) - c0;
    const l0 = cpuOf(pid) ?? 0;
    const layout = await layoutCopyMs(c, data);
    const layoutCpu = (cpuOf(pid) ?? 0) - l0;
    await c.end();
    note('wall s', wall / 1000);
    note('push s', pushEnd ? (pushEnd - t0) / 1000 : NaN);
    note('after push s', pushEnd ? (wall - (pushEnd - t0)) / 1000 : NaN);
    note('laptop cpu s', (cpu.user + cpu.system) / 1e6);
    note('server cpu s', serverCpu);
    note('plain copy s', raw / 1000);
    note('plain copy server cpu s', rawCpu);
    note('ratio', raw / wall);
    note('layout copy s', layout / 1000);
    note('layout copy server cpu s', layoutCpu);
    note('ratio to layout copy', layout / wall);
    note('rows/s', r.pushed / (wall / 1000));
    note('batches', r.batches);
  } finally {
    await central.drop();
    remove();
  }
}
for (const [k, v] of [...statements].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 25))
  console.log(
    `${k.padEnd(48)} server cpu ${(v.cpu / rounds).toFixed(3)} s, wall ${(v.wall / rounds).toFixed(3)} s, ${v.n / rounds} per round`,
  );
for (const [k, v] of Object.entries(out)) {
  console.log(
    `${k.padEnd(24)} median ${median(v).toFixed(3).padStart(10)}   runs ${v.map((x) => x.toFixed(3)).join(', ')}`,
  );
}
