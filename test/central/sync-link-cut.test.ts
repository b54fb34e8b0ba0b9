import { describe, expect, it } from 'vitest';
import { BeaconError } from '../../db';
import { readSyncState, writeSyncState } from '../../main/backend/sync/sync-state';
import { weekdays } from '../fixtures/import/large-attendance';
import { addClass, addStudents, ok } from '../support/school';
import { seededRandom } from '../support/seeded-random';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import { centralSnapshot, centralWithSchool, connectedLaptop, snapshot } from './central-world';
import { cuttingProxy } from './cutting-proxy';
import { asAdmin } from './pg-test-db';
import { privateClusterUnavailable, usePrivateCluster } from './private-cluster';

const tempDir = useTempDir();
const after = useAfterTest();
const newCluster = usePrivateCluster();

describe('sync over a link that keeps breaking', () => {
  it.skipIf(privateClusterUnavailable())(
    'cut at 50 random points and the server restarted once mid-sync, the server ends equal to the laptop',
    async () => {
      const random = seededRandom(11);
      const cluster = await newCluster();
      const file = await centralWithSchool(cluster.url, tempDir());
      const laptop = await connectedLaptop(tempDir(), file);
      after(() => laptop.backend.close());
      const names = Array.from({ length: 150 }, (_, i) => `Student${i} Family${i % 7}`);
      const students = await addStudents(laptop.api, names);
      const classId = await addClass(laptop.api, '7A', students);
      const statuses = ['present', 'present', 'present', 'absent', 'late'] as const;
      // School days of the records school up to its today (15 October), less the 6 October holiday.
      const days = weekdays(40).filter((d) => d <= '2025-10-15' && d !== '2025-10-06');
      for (const date of days) {
        ok(
          await laptop.api.saveRegister({
            classId,
            date,
            entries: students.map((studentId) => ({
              studentId,
              status: random.pick(statuses),
              ...(random.chance(0.1) ? { note: 'tab\there, new\nline, back\\slash' } : {}),
            })),
          }),
        );
      }

      const serverPort = Number(new URL(cluster.url).port);
      let restarted = false;
      const proxy = await cuttingProxy(serverPort, {
        cuts: 50,
        random: () => random.next(),
        // Cut points within the push's stream: about 80 bytes a row since the server derives
        // attendance's id and school, so 50 cuts need budgets of up to 60 KB.
        maxBytes: 60_000,
        onData: (total) => {
          if (!restarted && total > 750_000) {
            restarted = true;
            cluster.restart();
          }
        },
      });
      after(() => proxy.close());
      const state = readSyncState(laptop.db, laptop.schoolId);
      writeSyncState(laptop.db, laptop.schoolId, 'connection', {
        ...state.connection,
        port: proxy.port,
      });

      let failures = 0;
      for (let attempt = 0; ; attempt++) {
        expect(attempt).toBeLessThan(300);
        try {
          await laptop.sync();
          break;
        } catch (err) {
          expect(err).toBeInstanceOf(BeaconError);
          expect((err as BeaconError).code).toBe('CENTRAL_UNREACHABLE');
          failures += 1;
        }
      }
      expect(proxy.cuts()).toBe(50);
      expect(restarted).toBe(true);
      expect(failures).toBeGreaterThanOrEqual(50);

      const onLaptop = await snapshot(cluster.url, laptop);
      expect(onLaptop.attendance).toHaveLength(150 * days.length);
      expect(await centralSnapshot(cluster.url, laptop)).toEqual(onLaptop);
      const dupes = await asAdmin(cluster.url, (c) =>
        c.query(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM attendance`),
      );
      expect(dupes.rows[0]).toEqual({ n: 150 * days.length, ids: 150 * days.length });
    },
    240_000,
  );
});
