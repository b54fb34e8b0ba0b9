/** The checked-in configuration of the electronegativity run (electronegativity.json). */
export interface ScanConfig {
  electronVersion: string;
  /** Repository paths copied into the scan, with their layout. */
  scan: string[];
  /** Checks not run, each with the reason. */
  skipChecks: Record<string, string>;
  /** Findings that do not apply, each with the reason. */
  accepted: { check: string; file: string; why: string }[];
}

export interface Finding {
  check: string;
  file: string;
  line: number;
  severity: string;
  description: string;
}

/**
 * Judges findings against the configuration: anything above INFORMATIONAL must be accepted with
 * a reason, and every accepted entry must still match a finding. Answers a readable report and
 * the problems (empty when the run passes).
 */
export function judgeFindings(
  findings: Finding[],
  config: ScanConfig,
): { report: string[]; problems: string[] } {
  const matches = (a: ScanConfig['accepted'][number], f: Finding) =>
    a.check === f.check && a.file === f.file;
  const report: string[] = [];
  const problems: string[] = [];
  for (const f of findings) {
    const accepted = config.accepted.find((a) => matches(a, f));
    const where = `${f.file}:${f.line}`;
    const verdict =
      f.severity === 'INFORMATIONAL' ? 'informational' : accepted ? 'accepted' : 'NOT JUSTIFIED';
    report.push(`${f.check} ${f.severity} ${where} (${verdict}): ${f.description}`);
    if (verdict === 'NOT JUSTIFIED') {
      problems.push(`${f.check} (${f.severity}) at ${where}: ${f.description}`);
    }
  }
  for (const a of config.accepted) {
    if (a.why.trim() === '') problems.push(`${a.check} in ${a.file} is accepted without a reason`);
    if (!findings.some((f) => matches(a, f))) {
      problems.push(`${a.check} in ${a.file} is accepted but no longer found: remove the entry`);
    }
  }
  for (const [check, why] of Object.entries(config.skipChecks)) {
    if (why.trim() === '') problems.push(`${check} is skipped without a reason`);
  }
  return { report, problems };
}
