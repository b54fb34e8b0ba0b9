/**
 * The backend's link to the Electron main process, over the utility process's parent port:
 * windows' ports arrive on it, and the backend asks the main process for what only it can do
 * (the OS key store, electron-updater). Calls are matched to replies by id; a failure comes back
 * as its code and message. Plain Node: tested over a worker_threads MessageChannel.
 */
import { errorCodes, type ErrorCode } from '../../../contract';
import { BeaconError } from '../../../db';
import type { SecretName } from '../secrets/secret-store';
import type { UpdateFeed, UpdaterState } from '../updates/update-shell';

/** What the backend may ask of the main process. */
export interface ShellCalls {
  getSecret: { args: { name: SecretName }; result: string | null };
  setSecret: { args: { name: SecretName; value: string }; result: null };
  deleteSecret: { args: { name: SecretName }; result: null };
  checkForUpdate: { args: { feed: UpdateFeed }; result: null };
  installUpdate: { args: Record<string, never>; result: null };
  /** The save dialog over one window, offering `defaultName`; null when cancelled. */
  choosePdfPath: { args: { windowId: number; defaultName: string }; result: string | null };
  /** That window's page printed to PDF (Electron's printToPDF). */
  printWindowToPdf: { args: { windowId: number }; result: Uint8Array };
}
export type ShellCallName = keyof ShellCalls;

export type FromBackend =
  | { type: 'ready'; schemaVersion: number }
  | { type: 'failed'; code: string; message: string }
  | { type: 'call'; id: number; name: ShellCallName; args: unknown };

export type ToBackend =
  | { type: 'connect'; windowId?: number }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; code: string; message: string }
  | { type: 'updater'; state: UpdaterState };

/** One end of the link: how to send, and how to hear what the other end sends. */
export interface LinkEnd<In, Out> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}

export type ShellCall = <N extends ShellCallName>(
  name: N,
  args: ShellCalls[N]['args'],
) => Promise<ShellCalls[N]['result']>;

const isErrorCode = (code: string): code is ErrorCode =>
  (errorCodes as readonly string[]).includes(code);

/** The backend's side: a function that asks the main process and awaits its reply. */
export function shellCaller(end: LinkEnd<ToBackend, FromBackend>): ShellCall {
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  end.onMessage((message) => {
    if (message.type !== 'reply') return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (!waiter) return;
    if (message.ok) waiter.resolve(message.value);
    else {
      waiter.reject(
        isErrorCode(message.code)
          ? new BeaconError(message.code, message.message)
          : new Error(message.message),
      );
    }
  });
  return (name, args) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      end.post({ type: 'call', id, name, args });
    });
}

export type ShellHandlers = {
  [N in ShellCallName]: (args: ShellCalls[N]['args']) => Promise<ShellCalls[N]['result']>;
};

/**
 * The main process's side: runs each call's handler and replies. A handler's error travels as
 * its code (a BeaconError's) and message; an unknown call is refused.
 */
export function serveShellCalls(
  end: LinkEnd<FromBackend, ToBackend>,
  handlers: ShellHandlers,
): void {
  end.onMessage((message) => {
    if (message.type !== 'call') return;
    const { id, name, args } = message;
    const handler = Object.hasOwn(handlers, name)
      ? (handlers[name] as (a: unknown) => Promise<unknown>)
      : undefined;
    const run = handler
      ? Promise.resolve().then(() => handler(args))
      : Promise.reject(new Error(`Unknown shell call "${String(name)}".`));
    run.then(
      (value) => end.post({ type: 'reply', id, ok: true, value: value ?? null }),
      (err: unknown) =>
        end.post({
          type: 'reply',
          id,
          ok: false,
          code:
            (err as { code?: unknown }).code === undefined
              ? 'INTERNAL'
              : String((err as { code?: unknown }).code),
          message: err instanceof Error ? err.message : String(err),
        }),
    );
  });
}
