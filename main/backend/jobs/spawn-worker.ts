import { Worker } from 'node:worker_threads';

/**
 * Starts the worker script `name` (without extension) that sits beside `base` (pass
 * import.meta.url): its `.ts` source through tsx when running from source (Node 20 does not pass
 * --import loaders on to workers), else the bundled `.js` the build emits beside the caller.
 */
export function spawnWorker(base: string, name: string, workerData: unknown): Worker {
  if (base.endsWith('.ts')) {
    const entry = new URL(`./${name}.ts`, base).href;
    const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(boot, { eval: true, workerData });
  }
  return new Worker(new URL(`./${name}.js`, base), { workerData });
}
