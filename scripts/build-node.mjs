// Bundles the Node-side entry points with esbuild. knex, pg and better-sqlite3 stay external: the
// native addon cannot be bundled, knex loads its dialects by name at run time, and pg reaches for
// the optional pg-native by name.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = ['electron', 'better-sqlite3', 'knex', 'pg', 'pg-copy-streams'];
// ESM bundles still meet CommonJS code that calls require() or reads __dirname (tfjs's WASM
// backend finds its .wasm files that way).
const nodeShims = [
  "import { createRequire as __beaconCreateRequire } from 'node:module';",
  "import { fileURLToPath as __beaconFileURLToPath } from 'node:url';",
  "import { dirname as __beaconDirname } from 'node:path';",
  'const require = __beaconCreateRequire(import.meta.url);',
  'const __filename = __beaconFileURLToPath(import.meta.url);',
  'const __dirname = __beaconDirname(__filename);',
].join('');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external,
  sourcemap: false,
  legalComments: 'none',
  define: { __BEACON_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};
const esm = { ...common, format: 'esm', banner: { js: nodeShims } };

/**
 * Bundles Node entry points (`{ name: 'path/to/entry.ts' }`, paths from the repository root)
 * into `outdir` as `name.js`, with the training and backup workers and tfjs's .wasm files beside
 * them: the workers and the .wasm files are found beside whichever of them starts training or a
 * backup. The tests
 * start their child processes from such a folder too (test/global-setup.ts). `outdir` must sit
 * inside the repository, so the external packages resolve from its node_modules.
 */
export async function bundleNodeEntries(outdir, entries) {
  const all = {
    ...entries,
    'training-worker': 'main/backend/training/training-worker.ts',
    'backup-worker': 'main/backend/backup/backup-worker.ts',
  };
  // esbuild keeps the source file's shebang first.
  await Promise.all(
    Object.entries(all).map(([name, entry]) =>
      build({ ...esm, entryPoints: [entry], outfile: join(outdir, `${name}.js`) }),
    ),
  );
  const wasmDir = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  mkdirSync(outdir, { recursive: true });
  for (const file of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) {
    copyFileSync(join(wasmDir, file), join(outdir, file));
  }
}

async function buildApp() {
  for (const dir of ['out/main', 'out/preload', 'out/backend', 'out/cli']) {
    rmSync(join(root, dir), { recursive: true, force: true });
  }
  await Promise.all([
    build({ ...esm, entryPoints: ['main/electron/main.ts'], outfile: 'out/main/main.js' }),
    bundleNodeEntries(join(root, 'out/backend'), {
      backend: 'main/backend/entry.ts',
      'beacon-cli': 'main/cli/beacon.ts',
    }),
    // A sandboxed preload must be a single CommonJS script that requires nothing but 'electron'.
    build({
      ...common,
      platform: 'browser',
      target: 'chrome140',
      entryPoints: ['preload/index.ts'],
      outfile: 'out/preload/preload.cjs',
      format: 'cjs',
    }),
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildApp();
