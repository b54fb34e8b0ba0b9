// Bundles the Node-side entry points with esbuild. knex and better-sqlite3 stay external: the
// native addon cannot be bundled, and knex loads its dialects by name at run time.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = ['electron', 'better-sqlite3', 'knex'];
// ESM bundles still meet CommonJS code that calls require() for Node built-ins.
const requireShim =
  "import { createRequire as __beaconCreateRequire } from 'node:module';" +
  'const require = __beaconCreateRequire(import.meta.url);';

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

rmSync('out/main', { recursive: true, force: true });
rmSync('out/preload', { recursive: true, force: true });
rmSync('out/backend', { recursive: true, force: true });
rmSync('out/cli', { recursive: true, force: true });

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: 'out/main/main.js',
    format: 'esm',
    banner: { js: requireShim },
  }),
  build({
    ...common,
    entryPoints: ['main/backend/entry.ts'],
    outfile: 'out/backend/backend.js',
    format: 'esm',
    banner: { js: requireShim },
  }),
  build({
    ...common,
    entryPoints: ['main/cli/beacon.ts'],
    outfile: 'out/cli/beacon.js',
    format: 'esm',
    banner: { js: requireShim }, // esbuild keeps the source file's shebang first
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
