// Bundles the Node-side entry points with esbuild. knex, pg and better-sqlite3 stay external: the
// native addon cannot be bundled, knex loads its dialects by name at run time, and pg reaches for
// the optional pg-native by name.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
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

for (const dir of ['out/main', 'out/preload', 'out/backend', 'out/cli']) {
  rmSync(dir, { recursive: true, force: true });
}

await Promise.all([
  build({ ...esm, entryPoints: ['main/electron/main.ts'], outfile: 'out/main/main.js' }),
  // The backend, the CLI and the workers share one folder: the workers and the .wasm files are
  // found beside whichever of them starts training or a backup.
  build({ ...esm, entryPoints: ['main/backend/entry.ts'], outfile: 'out/backend/backend.js' }),
  // esbuild keeps the source file's shebang first.
  build({ ...esm, entryPoints: ['main/cli/beacon.ts'], outfile: 'out/backend/beacon-cli.js' }),
  build({
    ...esm,
    entryPoints: ['main/backend/training/training-worker.ts'],
    outfile: 'out/backend/training-worker.js',
  }),
  build({
    ...esm,
    entryPoints: ['main/backend/backup/backup-worker.ts'],
    outfile: 'out/backend/backup-worker.js',
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

const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
mkdirSync('out/backend', { recursive: true });
for (const file of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) {
  copyFileSync(join(wasmDir, file), join('out/backend', file));
}
