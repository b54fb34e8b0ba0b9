import type { DataEntity } from '../contract';
import type { Db } from './driver';

/**
 * What a connection's writes changed, by entity, for the `dataChanged` event a request sends:
 * the change log notes each table it records (and the feature store notes its refreshes), the
 * dispatcher reads what was noted while a request ran. A transaction that rolls back (a dry-run
 * import, a refused write) forgets what it noted (`writeTransaction`).
 */
interface Journal {
  log: DataEntity[];
  /** Entities already in `log` since `floor`: a write of 200,000 rows notes its table once. */
  seen: Set<DataEntity>;
  floor: number;
  /** What each running `watchChanged` has seen noted so far. */
  watchers: Set<DataEntity>[];
}

const journals = new WeakMap<Db, Journal>();

function journal(db: Db): Journal {
  let j = journals.get(db);
  if (!j) journals.set(db, (j = { log: [], seen: new Set(), floor: 0, watchers: [] }));
  return j;
}

/** Notes that `entity` changed on this connection. */
export function noteChanged(db: Db, entity: DataEntity): void {
  const j = journal(db);
  for (const w of j.watchers) w.add(entity);
  if (j.seen.has(entity)) return;
  j.seen.add(entity);
  j.log.push(entity);
}

/** Where the journal stands now: `changedSince` and `forgetChangedSince` start from here. */
export function changedMark(db: Db): number {
  const j = journal(db);
  j.floor = j.log.length;
  j.seen.clear();
  return j.floor;
}

/** The entities noted since `mark`, each once, in the order first noted. */
export function changedSince(db: Db, mark: number): DataEntity[] {
  return [...new Set(journal(db).log.slice(mark))];
}

/** Forgets what was noted since `mark` (its transaction rolled back). */
export function forgetChangedSince(db: Db, mark: number): void {
  const j = journal(db);
  if (j.log.length <= mark) return;
  j.log.length = mark;
  j.floor = Math.min(j.floor, mark);
  j.seen = new Set(j.log.slice(j.floor));
}

/** Empties the journal (no request is reading it); running watches go on. */
export function clearChanged(db: Db): void {
  const watchers = journals.get(db)?.watchers;
  journals.delete(db);
  if (watchers?.length) journal(db).watchers = watchers;
}

/**
 * Watches what this connection's writes change while a job runs (it spans many transactions
 * and the requests served between them, which empty the journal): answers a function that ends
 * the watch and answers the entities noted meanwhile, each once. What a transaction that rolled
 * back noted is still in it: the answer is for a `dataChanged` event, where one name too many
 * costs a re-read and one too few a stale screen.
 */
export function watchChanged(db: Db): () => DataEntity[] {
  const seen = new Set<DataEntity>();
  journal(db).watchers.push(seen);
  return () => {
    const j = journals.get(db);
    if (j) j.watchers = j.watchers.filter((w) => w !== seen);
    return [...seen];
  };
}
