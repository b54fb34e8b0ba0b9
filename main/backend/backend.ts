import type { EventName, Events } from '../../contract';
import { openDatabase } from '../../db';
import { createDispatch, type Dispatch } from './dispatch';
import { handlers } from './handlers';
import type { HandlerContext } from './handlers/types';
import { appVersion } from './version';

type Listener = (event: EventName, payload: unknown) => void;

export interface Backend {
  dispatch: Dispatch;
  /** Subscribes to every pushed event; returns the unsubscribe function. */
  onEvent(listener: Listener): () => void;
  context: HandlerContext;
  close(): void;
}

/**
 * Opens and migrates the database and wires the handlers. Plain Node: the Electron utility
 * process, the CLI, the tests and the benchmarks all start the backend through this.
 */
export interface BackendOptions {
  dbPath: string;
  /** Fixes "today" (YYYY-MM-DD) for tests and the demo school; defaults to the local date. */
  today?: () => string;
}

/** The local calendar date, as staff see it on the laptop. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function startBackend(options: BackendOptions): Promise<Backend> {
  const opened = await openDatabase(options.dbPath);
  const listeners = new Set<Listener>();
  const context: HandlerContext = {
    db: opened.db,
    dbPath: opened.path,
    appVersion: appVersion(),
    schemaVersion: opened.schemaVersion,
    migrations: opened.migrations,
    today: options.today ?? (() => localToday()),
    emit: <E extends EventName>(event: E, payload: Events[E]) => {
      for (const listener of listeners) listener(event, payload);
    },
  };
  return {
    dispatch: createDispatch(handlers, context),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    context,
    close: () => {
      listeners.clear();
      opened.db.close();
    },
  };
}
