import type { EventName, Events, ParsedInput, RequestName, RequestOutput } from '../../../contract';
import type { Db } from '../../../db';

/** What every handler may use. Handlers never see the transport. */
export interface HandlerContext {
  db: Db;
  dbPath: string;
  appVersion: string;
  schemaVersion: number;
  migrations: string[];
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

export type Handler<K extends RequestName> = (
  input: ParsedInput<K>,
  ctx: HandlerContext,
) => RequestOutput<K> | Promise<RequestOutput<K>>;

/** A domain's handlers: a subset of the contract. */
export type HandlerMap<K extends RequestName = RequestName> = { [P in K]: Handler<P> };

/** The whole backend: every request in the contract has exactly one handler. */
export type Handlers = HandlerMap<RequestName>;
