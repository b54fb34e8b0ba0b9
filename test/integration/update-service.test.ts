import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../contract';
import { newId } from '../../db/ids';
import { startBackend } from '../../main/backend/backend';
import { inProcessApi, systemSession } from '../../main/backend/transport/in-process';
import type { ShellCall, ShellCalls } from '../../main/backend/shell/shell-link';
import type { UpdaterState } from '../../main/backend/updates/update-shell';
import { appVersion } from '../../main/backend/version';
import { useAfterTest, useTempDir } from '../support/temp-dir';
import { writeReleaseFolder } from '../support/update-folder';

const tempDir = useTempDir();
const afterTest = useAfterTest();

/**
 * The real backend with the main process's side played by the test: it records what the backend
 * asks of electron-updater and reports states back as the main process would.
 */
async function appBackend(withShell = true) {
  const calls: { name: keyof ShellCalls; args: unknown }[] = [];
  let report: (state: UpdaterState) => void = () => {};
  const call: ShellCall = async (name, args) => {
    calls.push({ name, args });
    return null as never;
  };
  const backend = await startBackend({
    dbPath: join(tempDir(), 'beacon.sqlite'),
    shell: withShell ? { call, onUpdaterState: (listener) => (report = listener) } : undefined,
  });
  afterTest(() => backend.close());
  const events: UpdateStatus[] = [];
  backend.onEvent((event, payload) => {
    if (event === 'updateStatus') events.push(payload as UpdateStatus);
  });
  const api = inProcessApi(backend, systemSession);
  const saved = await api.saveSchoolProfile({ name: 'Hillside Secondary' });
  if (!saved.ok) throw new Error(saved.message);
  return { backend, api, calls, events, report: (state: UpdaterState) => report(state) };
}

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('updates, the backend’s half', () => {
  it('a backend without the app (the CLI) says updates come from the app, and installs nothing', async () => {
    const { api } = await appBackend(false);
    const status = value(await api.updateStatus({}));
    expect(status).toMatchObject({ phase: 'unsupported', currentVersion: appVersion() });
    expect(value(await api.checkForUpdates({})).phase).toBe('unsupported');
    expect(await api.installUpdate({})).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('keeps the source setting, and refuses one that is not a web address or a full path', async () => {
    const { api } = await appBackend();
    expect(value(await api.getUpdateSettings({}))).toEqual({ source: { kind: 'built-in' } });
    const url = 'http://updates.district.lan/beacon/';
    expect(value(await api.saveUpdateSettings({ source: { kind: 'server', url } }))).toEqual({
      source: { kind: 'server', url },
    });
    expect(value(await api.updateStatus({})).source).toEqual({ kind: 'server', url });
    const bad = await api.saveUpdateSettings({ source: { kind: 'server', url: 'file:///etc' } });
    expect(bad).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: /source.url: must be an http/,
    });
    const relative = await api.saveUpdateSettings({
      source: { kind: 'folder', path: 'usb/beacon' },
    });
    expect(relative).toMatchObject({ ok: false, message: /must be a full path/ });
  });

  it('hands a server to the updater as it is', async () => {
    const { api, calls } = await appBackend();
    const url = 'https://updates.district.example/beacon';
    value(await api.saveUpdateSettings({ source: { kind: 'server', url } }));
    value(await api.checkForUpdates({}));
    expect(calls).toEqual([{ name: 'checkForUpdate', args: { feed: { kind: 'server', url } } }]);
  });

  it('checks by itself only a server, never a folder (a USB drive may not be there)', async () => {
    const { backend, api, calls } = await appBackend();
    const folder = tempDir();
    writeReleaseFolder(folder, '9.0.0');
    value(await api.saveUpdateSettings({ source: { kind: 'folder', path: folder } }));
    await backend.context.updates.checkOnSchedule();
    expect(calls).toEqual([]);
    value(await api.saveUpdateSettings({ source: { kind: 'built-in' } }));
    await backend.context.updates.checkOnSchedule();
    expect(calls).toEqual([{ name: 'checkForUpdate', args: { feed: { kind: 'built-in' } } }]);
  });

  it('verifies a folder before offering it, then installs only when no job runs', async () => {
    const { backend, api, calls, events, report } = await appBackend();
    const folder = tempDir();
    const release = writeReleaseFolder(folder, '9.0.0');
    value(await api.saveUpdateSettings({ source: { kind: 'folder', path: folder } }));

    value(await api.checkForUpdates({}));
    expect(calls).toEqual([
      {
        name: 'checkForUpdate',
        args: {
          feed: {
            kind: 'folder',
            path: folder,
            files: [release.metadata, release.installer, `${release.installer}.blockmap`],
          },
        },
      },
    ]);
    // Not ready until the updater has downloaded (and itself checked) the installer.
    expect(await api.installUpdate({})).toMatchObject({ ok: false, code: 'CONFLICT' });
    report({ phase: 'downloading', version: '9.0.0', progress: 0.5 });
    report({ phase: 'ready', version: '9.0.0' });
    expect(value(await api.updateStatus({}))).toMatchObject({ phase: 'ready', version: '9.0.0' });
    expect(events.map((e) => e.phase)).toEqual(['idle', 'checking', 'downloading', 'ready']);

    // A job with a live lease (here or in another process) holds the restart back.
    const jobId = newId();
    const lease = new Date(Date.now() + 60_000).toISOString();
    backend.context.db
      .prepare(
        `INSERT INTO jobs (id, kind, status, lease_owner, lease_expires_at) VALUES (?, 'train', 'running', 'other', ?)`,
      )
      .run(jobId, lease);
    expect(await api.installUpdate({})).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: /busy with a task/,
    });
    expect(calls.map((c) => c.name)).not.toContain('installUpdate');

    backend.context.db.prepare(`UPDATE jobs SET status = 'succeeded' WHERE id = ?`).run(jobId);
    expect(value(await api.installUpdate({}))).toEqual({ restarting: true });
    expect(calls.at(-1)).toEqual({ name: 'installUpdate', args: {} });
  });

  it('a damaged copy in the folder is never offered: the status says why', async () => {
    const { api, calls } = await appBackend();
    const folder = tempDir();
    const release = writeReleaseFolder(folder, '9.0.0');
    const bytes = readFileSync(release.installerPath);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    writeFileSync(release.installerPath, bytes);
    value(await api.saveUpdateSettings({ source: { kind: 'folder', path: folder } }));
    const status = value(await api.checkForUpdates({}));
    expect(status).toMatchObject({ phase: 'failed', message: /its sha512 differs/ });
    expect(calls).toEqual([]);
  });

  it('a folder holding this version or older is "nothing newer", with no download', async () => {
    const { api, calls } = await appBackend();
    const folder = tempDir();
    writeReleaseFolder(folder, appVersion());
    value(await api.saveUpdateSettings({ source: { kind: 'folder', path: folder } }));
    expect(value(await api.checkForUpdates({}))).toMatchObject({
      phase: 'none',
      checkedAt: expect.any(String),
    });
    expect(calls).toEqual([]);
  });
});
