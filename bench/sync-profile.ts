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
const statements = new Map<string, number>();
const pids = new WeakMap<object, number>();
if (process.env.SYNC_PROF) {
  (globalThis as Record<string, unknown>).__syncProf = (client: pg.Client) => {
    return new Proxy(client, {
      get(target, prop) {
        if (prop !== 'query') return Reflect.get(target, prop) as unknown;
        return (q: unknown, params?: unknown[]) => {
          if (typeof q !== 'string') {
            const pid = pids.get(target) ?? 0;
            const before = cpuOf(pid) ?? 0;
            const stream = (target.query as (a: unknown) => NodeJS.EventEmitter)(q);
            stream.on('finish', () =>
              statements.set('COPY', (statements.get('COPY') ?? 0) + (cpuOf(pid) ?? 0) - before),
            );
            return stream;
          }
          return (async () => {
            let pid = pids.get(target);
            if (pid === undefined) {
              pid = Number(
                (await target.query<{ p: number }>('SELECT pg_backend_pid() AS p')).rows[0]?.p,
              );
              pids.set(target, pid);
            }
            const label = (typeof q === 'string' ? q : 'COPY').replace(/\s+/g, ' ').slice(0, 40);
            const before = cpuOf(pid) ?? 0;
            const r = await (target.query as (a: unknown, b?: unknown[]) => Promise<unknown>)(
              q,
              params,
            );
            statements.set(label, (statements.get(label) ?? 0) + (cpuOf(pid) ?? 0) - before);
            return r;
          })();
        };
      },
    });
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
for (const [k, v] of [...statements].sort((a, b) => b[1] - a[1]))
  console.log(`server ${k.padEnd(42)} ${(v / rounds).toFixed(3)} s per round`);
for (const [k, v] of Object.entries(out)) {
  console.log(
    `${k.padEnd(24)} median ${median(v).toFixed(3).padStart(10)}   runs ${v.map((x) => x.toFixed(3)).join(', ')}`,
  );
}
