import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLES_ENV, bundledEntries } from './support/node-bundles';

const root = fileURLToPath(new URL('..', import.meta.url));

interface NodeBuild {
  bundleNodeEntries(outdir: string, entries: Record<string, string>): Promise<void>;
}

/**
 * Bundles the entry points tests start as child processes (see support/node-bundles.ts) into a
 * folder of this run's own, inside the repository so their external packages resolve.
 */
export default async function setup(): Promise<() => void> {
  const parent = join(root, 'node_modules', '.cache', 'beacon-test-bundles');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'run-'));
  // The damaged-disk tests start the CLI as an unprivileged user.
  chmodSync(dir, 0o755);
  const buildScript = new URL('../scripts/build-node.mjs', import.meta.url).href;
  const { bundleNodeEntries } = (await import(buildScript)) as NodeBuild;
  await bundleNodeEntries(dir, bundledEntries);
  // The test workers are forked after this and inherit it, and so do their children.
  process.env[BUNDLES_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
