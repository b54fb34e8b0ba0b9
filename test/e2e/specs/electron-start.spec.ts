import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronInstalled, electronVersionIn } from '../../../scripts/electron/electron-binary';
import { bindingIsCurrent, driverPackage } from '../../../scripts/electron/sqlite-binding';

/**
 * The start-up smoke test of the real app: Electron opens it, the backend (a utility process
 * on the Electron build of better-sqlite3) reports ready, and the first-run screen shows.
 * Where Electron's binary or that build is missing (these machines: no download), it is
 * skipped with the reason printed.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');

function whyNot(): string | null {
  if (!electronInstalled(electronDir)) {
    return 'Electron’s binary is not installed (npm ci skipped it; `npm start` downloads it where there is internet)';
  }
  const target = {
    nativeRoot: root,
    electronVersion: electronVersionIn(electronDir),
    platform: process.platform,
    arch: process.arch,
  };
  if (!bindingIsCurrent(target, driverPackage().version)) {
    return 'better-sqlite3 for Electron is not in native/ (run `npm run electron:native` with internet access)';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display to open a window on (run under xvfb-run)';
  }
  return null;
}

const reason = whyNot();
if (reason) console.log(`electron-start.spec.ts skipped: ${reason}.`);

test('the app opens, the backend reports ready, and the first-run screen shows', async () => {
  test.skip(reason !== null, reason ?? '');
  const dir = mkdtempSync(join(tmpdir(), 'beacon-electron-'));
  const app = await electron.launch({
    // Chromium refuses to run as root without this (CI containers run as root).
    args: [
      join(root, 'out', 'main', 'main.js'),
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    env: { ...process.env, BEACON_DB: join(dir, 'beacon.sqlite') },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1, name: 'Set up your school' })).toBeVisible({
      timeout: 30_000,
    });
    // The backend answers through the preload's port: it is up, on the Electron binding.
    const health = await page.evaluate(() =>
      (window as unknown as { beacon: { health(i: object): Promise<unknown> } }).beacon.health({}),
    );
    expect(health).toMatchObject({ ok: true, value: { schemaVersion: expect.any(Number) } });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
