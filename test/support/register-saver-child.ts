/**
 * One of the processes of the busy test: opens the backend on a shared database, waits for "go"
 * on stdin so every process starts together, saves a class's register SAVES times (alternating
 * statuses so each save writes), and prints one JSON line counting the answers by code.
 * Usage: register-saver-child DB CLASS_ID SAVES STUDENT_ID...
 */
import { startBackend } from '../../main/backend/backend';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';

const [dbPath, classId, saves, ...studentIds] = process.argv.slice(2);
if (!dbPath || !classId || !saves || studentIds.length === 0) {
  process.stderr.write('usage: register-saver-child DB CLASS_ID SAVES STUDENT_ID...\n');
  process.exit(2);
}
const backend = await startBackend({ dbPath, today: () => '2025-10-15' });
const api = inProcessApi(backend, systemSession);
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));

const codes: Record<string, number> = {};
const messages = new Set<string>();
for (let i = 0; i < Number(saves); i++) {
  const result = await api.saveRegister({
    classId,
    date: '2025-10-14',
    entries: studentIds.map((studentId, k) => ({
      studentId,
      status: (i + k + process.pid) % 2 === 0 ? 'present' : 'absent',
    })),
  });
  const code = result.ok ? 'OK' : result.code;
  codes[code] = (codes[code] ?? 0) + 1;
  if (!result.ok) messages.add(result.message);
}
await backend.close();
process.stdout.write(`${JSON.stringify({ codes, messages: [...messages] })}\n`);
