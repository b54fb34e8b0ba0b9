/**
 * The child process the import kill test kills: imports one attendance file into a database
 * and prints each stage ("ready", "reading", "checking", "writing", "committed") as it gets
 * there, so the parent knows where its SIGKILL landed. Usage: import-kill-child DB CSV SCHOOL_ID
 */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { applyPragmas } from '../../db/open';
import { importRecords } from '../../main/backend/import/run-import';

const [dbPath, csvPath, schoolId] = process.argv.slice(2);
if (!dbPath || !csvPath || !schoolId) {
  process.stderr.write('usage: import-kill-child DB CSV SCHOOL_ID\n');
  process.exit(2);
}
const say = (line: string) => process.stdout.write(`${line}\n`);

const db = new Database(dbPath);
applyPragmas(db);
const bytes = readFileSync(csvPath);
say('ready');
const report = await importRecords(
  db,
  { kind: 'attendance', file: { name: 'attendance.csv', bytes } },
  { actor: { schoolId, userId: null }, today: '2026-06-30', dryRun: false, onStage: say },
);
db.close();
say(`done ${report.outcome} ${report.totals.created}`);
