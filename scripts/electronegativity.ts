// Runs @doyensec/electronegativity over the Electron-facing code (main process, preload,
// renderer) and fails on any finding above INFORMATIONAL that electronegativity.json does not
// accept with a reason, or on an accepted entry that matches no finding any more.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeFindings, type Finding, type ScanConfig } from './security/electronegativity-verdict';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(
  readFileSync(path.join(projectDir, 'electronegativity.json'), 'utf8'),
) as ScanConfig;

interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  description: string;
}
type Run = (options: Record<string, unknown>) => Promise<{
  issues: RawIssue[];
  errors: { file: string; message: string; tolerable: boolean }[];
}>;

// The scanned files are copied with their layout, so global checks (CSP, navigation limits)
// see the main process, preload and renderer together and findings name repository paths.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'beacon-electronegativity-'));
try {
  for (const entry of config.scan) {
    cpSync(path.join(projectDir, entry), path.join(scratch, entry), { recursive: true });
  }
  const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Run;
  const result = await run({
    input: scratch,
    electronVersionOverride: config.electronVersion,
    isRelative: true,
    excludeFromScan: Object.keys(config.skipChecks),
  });
  const findings: Finding[] = result.issues.map((i) => ({
    check: i.id,
    file: i.file.split(path.sep).join('/'),
    line: i.location.line,
    severity: i.severity.name,
    description: i.description,
  }));
  const verdict = judgeFindings(findings, config);
  for (const line of verdict.report) console.log(line);
  const unparsed = result.errors.filter((e) => !e.tolerable);
  for (const e of unparsed) verdict.problems.push(`could not parse ${e.file}: ${e.message}`);
  if (verdict.problems.length > 0) {
    console.error(
      `\nelectronegativity FAILED:\n${verdict.problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exitCode = 1;
  } else {
    console.log('\nelectronegativity: nothing above informational that is not justified.');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
