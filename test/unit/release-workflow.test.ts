import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    { 'runs-on': string; steps: Step[]; strategy?: { matrix: { include: { os: string }[] } } }
  >;
}

const workflow = load(
  readFileSync(new URL('../../.github/workflows/release.yml', import.meta.url), 'utf8'),
) as Workflow;
const installers = workflow.jobs.installers!;
const runs = installers.steps.map((s) => s.run ?? s.uses ?? '');
const indexOf = (text: string) => runs.findIndex((r) => r.includes(text));

describe('the release workflow', () => {
  it('builds on Windows, macOS and Linux runners, on a version tag or by hand', () => {
    expect(installers.strategy?.matrix.include.map((m) => m.os)).toEqual([
      'windows-latest',
      'macos-latest',
      'ubuntu-latest',
    ]);
    expect(workflow.on).toHaveProperty('push.tags', ['v*']);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
  });

  it('builds better-sqlite3 for Electron before packaging, and never rebuilds node_modules', () => {
    const ci = indexOf('npm ci');
    const native = indexOf('npm run electron:native');
    const pack = indexOf('electron-builder --config electron-builder.yml');
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(native).toBeGreaterThan(ci);
    expect(pack).toBeGreaterThan(native);
    expect(indexOf('npm run test:package')).toBeGreaterThan(native);
  });

  it('publishes the installers with their update metadata and blockmaps', () => {
    const upload = installers.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    const paths = String(upload?.with?.path ?? '');
    for (const pattern of [
      'dist/latest*.yml',
      'dist/*.blockmap',
      'dist/*.exe',
      'dist/*.AppImage',
      'dist/*.dmg',
    ]) {
      expect(paths).toContain(pattern);
    }
    const publish = workflow.jobs.publish!.steps.map((s) => s.run ?? '').join('\n');
    expect(publish).toContain('gh release create');
    // Metadata last: a laptop must never see latest.yml before its installer is there.
    expect(publish.indexOf("--exclude 'latest*.yml'")).toBeLessThan(
      publish.indexOf('release/latest*.yml'),
    );
  });
});
