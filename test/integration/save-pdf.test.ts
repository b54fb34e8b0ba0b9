import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../../main/backend/backend';
import type { Connection } from '../../main/backend/auth/session';
import { systemSession } from '../../main/backend/transport/in-process';
import {
  serveShellCalls,
  shellCaller,
  type FromBackend,
  type LinkEnd,
  type ShellHandlers,
  type ToBackend,
} from '../../main/backend/shell/shell-link';
import { useAfterTest, useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const afterTest = useAfterTest();

/** A one-page PDF, as printToPDF answers one. */
const pdfBytes = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);

interface MainSide {
  /** What the save dialog answers (null: cancelled). */
  chosen: string | null;
  printed: Uint8Array;
  /** What the main process was asked, in order. */
  calls: string[];
}

/**
 * A backend whose shell link reaches a main-process side over a real channel: the dialog and
 * printToPDF answer what `main` holds (Electron itself cannot run here).
 */
async function appBackend(main: MainSide) {
  const { port1, port2 } = new MessageChannel();
  const handlers: ShellHandlers = {
    getSecret: async () => null,
    setSecret: async () => null,
    deleteSecret: async () => null,
    checkForUpdate: async () => null,
    installUpdate: async () => null,
    choosePdfPath: async ({ windowId, defaultName }) => {
      main.calls.push(`dialog ${windowId} ${defaultName}`);
      return main.chosen;
    },
    printWindowToPdf: async ({ windowId }) => {
      main.calls.push(`print ${windowId}`);
      return main.printed;
    },
  };
  const mainEnd: LinkEnd<FromBackend, ToBackend> = {
    post: (m) => port2.postMessage(m),
    onMessage: (l) => port2.on('message', l),
  };
  serveShellCalls(mainEnd, handlers);
  const backendEnd: LinkEnd<ToBackend, FromBackend> = {
    post: (m) => port1.postMessage(m),
    onMessage: (l) => port1.on('message', l),
  };
  const backend = await startBackend({
    dbPath: join(tempDir(), 'school.sqlite'),
    today: () => '2026-12-03',
    shell: { call: shellCaller(backendEnd), onUpdaterState: () => {} },
  });
  afterTest(async () => {
    await backend.close();
    port1.close();
    port2.close();
  });
  return backend;
}

const window7: Connection = { session: systemSession, windowId: 7 };

describe('Save as PDF', () => {
  it('offers a file name, prints the asking window and writes the PDF where the person chose', async () => {
    const target = join(tempDir(), 'Ana profile');
    const main: MainSide = { chosen: target, printed: pdfBytes, calls: [] };
    const backend = await appBackend(main);
    const answer = await backend.dispatch(
      'savePdf',
      { report: 'studentProfile', subject: 'Ana Silva' },
      window7,
    );
    expect(answer).toEqual({
      ok: true,
      value: { saved: true, fileName: 'Ana profile.pdf', bytes: pdfBytes.length },
    });
    expect(main.calls).toEqual([
      'dialog 7 Beacon - Student profile - Ana Silva - 2026-12-03.pdf',
      'print 7',
    ]);
    expect(new Uint8Array(readFileSync(`${target}.pdf`))).toEqual(pdfBytes);
  });

  it('writes nothing and prints nothing when the dialog is cancelled', async () => {
    const main: MainSide = { chosen: null, printed: pdfBytes, calls: [] };
    const backend = await appBackend(main);
    const answer = await backend.dispatch('savePdf', { report: 'riskList' }, window7);
    expect(answer).toEqual({ ok: true, value: { saved: false, fileName: null, bytes: null } });
    expect(main.calls).toEqual(['dialog 7 Beacon - At risk - 2026-12-03.pdf']);
  });

  it('refuses a file that is not a .pdf before printing', async () => {
    const target = join(tempDir(), 'notes.txt');
    const main: MainSide = { chosen: target, printed: pdfBytes, calls: [] };
    const backend = await appBackend(main);
    const answer = await backend.dispatch('savePdf', { report: 'riskList' }, window7);
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: /\.txt/ });
    expect(main.calls).toHaveLength(1);
    expect(existsSync(target)).toBe(false);
  });

  it('answers NOT_AVAILABLE outside the app, where no window can be printed', async () => {
    const backend = await startBackend({ dbPath: join(tempDir(), 'cli.sqlite') });
    afterTest(() => backend.close());
    const answer = await backend.dispatch('savePdf', { report: 'riskList' }, window7);
    expect(answer).toMatchObject({ ok: false, code: 'NOT_AVAILABLE' });
    const noWindow = await startBackend({ dbPath: join(tempDir(), 'app.sqlite') });
    afterTest(() => noWindow.close());
    const refused = await noWindow.dispatch(
      'savePdf',
      { report: 'riskList', subject: '' },
      { session: systemSession },
    );
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});
