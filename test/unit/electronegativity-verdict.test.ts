import { describe, expect, it } from 'vitest';
import {
  judgeFindings,
  type Finding,
  type ScanConfig,
} from '../../scripts/security/electronegativity-verdict';

const config: ScanConfig = {
  electronVersion: '45.5.0',
  scan: [],
  skipChecks: { AvailableSecurityFixesGlobalCheck: 'needs the internet' },
  accepted: [{ check: 'PRELOAD_JS_CHECK', file: 'main/electron/main.ts', why: 'narrow preload' }],
};
const finding = (over: Partial<Finding>): Finding => ({
  check: 'PRELOAD_JS_CHECK',
  file: 'main/electron/main.ts',
  line: 27,
  severity: 'MEDIUM',
  description: 'Review the use of preload scripts',
  ...over,
});

describe('judgeFindings', () => {
  it('passes accepted findings and informational ones', () => {
    const verdict = judgeFindings(
      [finding({}), finding({ check: 'ELECTRON_VERSION_JSON_CHECK', severity: 'INFORMATIONAL' })],
      config,
    );
    expect(verdict.problems).toEqual([]);
    expect(verdict.report).toHaveLength(2);
  });

  it('fails a finding above informational that nothing justifies', () => {
    const verdict = judgeFindings(
      [finding({}), finding({ check: 'NODE_INTEGRATION_JS_CHECK', severity: 'HIGH', line: 3 })],
      config,
    );
    expect(verdict.problems).toEqual([
      'NODE_INTEGRATION_JS_CHECK (HIGH) at main/electron/main.ts:3: Review the use of preload scripts',
    ]);
  });

  it('an acceptance is for one file: the same check elsewhere still fails', () => {
    const verdict = judgeFindings(
      [finding({}), finding({ file: 'main/electron/other.ts' })],
      config,
    );
    expect(verdict.problems).toHaveLength(1);
  });

  it('fails an acceptance that matches nothing any more, or one without a reason', () => {
    expect(judgeFindings([], config).problems).toEqual([
      'PRELOAD_JS_CHECK in main/electron/main.ts is accepted but no longer found: remove the entry',
    ]);
    const noReason = { ...config, accepted: [{ ...config.accepted[0]!, why: ' ' }] };
    expect(judgeFindings([finding({})], noReason).problems).toEqual([
      'PRELOAD_JS_CHECK in main/electron/main.ts is accepted without a reason',
    ]);
  });
});
