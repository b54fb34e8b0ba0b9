// Packages the Linux `dir` target offline and checks what went into app.asar.
// Run after `npm run build` (see `npm run package:check`). It needs no Electron download: a stub
// folder stands in for the Electron binary, since only the app files are under test here.
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRawHeader } from '@electron/asar';
import { build, Platform } from 'electron-builder';

type AsarNode = {
  files?: Record<string, AsarNode>;
  size?: number;
  unpacked?: boolean;
  link?: string;
};
type AsarFile = { path: string; size: number; unpacked: boolean };

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = path.join(projectDir, 'dist', 'package-check');

function makeElectronStub(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'beacon-electron-stub-'));
  // The Linux packager only renames `electron` to the app's executable name.
  writeFileSync(path.join(dir, 'electron'), '#!/bin/sh\necho "electron stub"\n');
  chmodSync(path.join(dir, 'electron'), 0o755);
  return dir;
}

async function packageLinuxDir(electronDist: string): Promise<string> {
  rmSync(outputDir, { recursive: true, force: true });
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget('dir'),
    config: {
      // A path in `extends` makes electron-builder load this file as the base config.
      extends: path.join(projectDir, 'electron-builder.yml'),
      electronDist,
      electronVersion: '45.5.0',
      npmRebuild: false,
      publish: null,
      directories: { output: outputDir },
    },
  });
  const unpackedDir = readdirSync(outputDir).find((name) => name.startsWith('linux'));
  if (unpackedDir === undefined) throw new Error(`no linux-*unpacked folder in ${outputDir}`);
  return path.join(outputDir, unpackedDir, 'resources');
}

function listAsar(node: AsarNode, prefix = ''): AsarFile[] {
  return Object.entries(node.files ?? {}).flatMap(([name, child]) => {
    const childPath = prefix === '' ? name : `${prefix}/${name}`;
    if (child.files !== undefined) return listAsar(child, childPath);
    if (child.link !== undefined) return [];
    return [{ path: childPath, size: child.size ?? 0, unpacked: child.unpacked === true }];
  });
}

function folderSize(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? folderSize(full) : statSync(full).size);
  }, 0);
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

// Name of every package folder a path passes through, e.g. node_modules/@scope/pkg -> @scope/pkg.
function packagesOf(filePath: string): string[] {
  const parts = filePath.split('/');
  const names: string[] = [];
  parts.forEach((part, i) => {
    const next = parts[i + 1];
    if (part !== 'node_modules' || next === undefined) return;
    const scoped = next.startsWith('@') ? parts[i + 2] : undefined;
    names.push(scoped === undefined ? next : `${next}/${scoped}`);
  });
  return names;
}

const TEST_FILE = /(\.(test|spec)\.[cm]?[jt]sx?$)|(^|\/)__tests__\//;
const TS_FILE = /\.[cm]?tsx?$/;

function findProblems(files: AsarFile[], devDependencies: string[]): string[] {
  const problems: string[] = [];
  const shipped = new Set(files.flatMap((f) => packagesOf(f.path)));
  const bad = (label: string, isBad: (f: AsarFile) => boolean): void => {
    const matches = files.filter(isBad);
    if (matches.length === 0) return;
    const sample = matches.slice(0, 5).map((f) => f.path);
    problems.push(`${matches.length} ${label}, e.g. ${sample.join(', ')}`);
  };

  const devShipped = devDependencies.filter((name) => shipped.has(name));
  if (devShipped.length > 0) problems.push(`devDependencies in the asar: ${devShipped.join(', ')}`);
  bad('test files', (f) => TEST_FILE.test(f.path));
  bad('source maps', (f) => f.path.endsWith('.map'));
  // Dependencies may ship .ts (zod does); our own code must arrive compiled.
  bad('TypeScript sources', (f) => !f.path.includes('node_modules/') && TS_FILE.test(f.path));

  const nativeBinding = files.find((f) =>
    f.path.endsWith('better-sqlite3/build/Release/better_sqlite3.node'),
  );
  if (nativeBinding === undefined) problems.push('better-sqlite3 native binding is missing');
  else if (!nativeBinding.unpacked) problems.push('better-sqlite3 native binding is not unpacked');
  // Only what the bundles leave external ships in node_modules; zod, tfjs and the parsers are
  // bundled into out/.
  for (const name of ['knex', 'better-sqlite3']) {
    if (!shipped.has(name)) problems.push(`runtime dependency ${name} is missing`);
  }
  const entries = [
    'package.json',
    'out/main/main.js',
    'out/preload/preload.cjs',
    'out/backend/backend.js',
    'out/backend/train-worker.js',
    'out/backend/training-worker.js',
    'out/backend/tfjs-backend-wasm-simd.wasm',
    'out/renderer/index.html',
  ];
  for (const entry of entries) {
    if (!files.some((f) => f.path === entry)) problems.push(`${entry} is missing`);
  }
  return problems;
}

function printSummary(resourcesDir: string, files: AsarFile[]): void {
  const packed = files.filter((f) => !f.unpacked);
  const asarSize = statSync(path.join(resourcesDir, 'app.asar')).size;
  console.log(`\napp.asar: ${mb(asarSize)}, ${packed.length} files packed`);
  const topLevel = new Map<string, { count: number; size: number }>();
  for (const f of files) {
    const parts = f.path.split('/');
    const top = parts.length > 1 ? `${parts[0] ?? ''}/` : f.path;
    const entry = topLevel.get(top) ?? { count: 0, size: 0 };
    topLevel.set(top, { count: entry.count + 1, size: entry.size + f.size });
  }
  for (const [name, { count, size }] of topLevel) {
    console.log(`  ${name}  ${count} files, ${mb(size)}`);
  }
  const unpackedSize = folderSize(path.join(resourcesDir, 'app.asar.unpacked'));
  console.log(`app.asar.unpacked: ${mb(unpackedSize)}, ${files.length - packed.length} files`);
}

// Packages the app and returns what is wrong with it (empty when it is fine).
async function check(): Promise<string[]> {
  if (!existsSync(path.join(projectDir, 'out', 'main', 'main.js'))) {
    return ['out/main/main.js not found: run `npm run build` first'];
  }
  const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  const stub = makeElectronStub();
  try {
    const resourcesDir = await packageLinuxDir(stub);
    const header = getRawHeader(path.join(resourcesDir, 'app.asar')).header as AsarNode;
    const files = listAsar(header);
    printSummary(resourcesDir, files);
    return findProblems(files, Object.keys(pkg.devDependencies ?? {}));
  } finally {
    rmSync(stub, { recursive: true, force: true });
  }
}

// process.exit, not process.exitCode: electron-builder's signal-exit hook resets exitCode to 0.
function fail(problems: string[]): never {
  console.error(`\npackage-check FAILED:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}

check().then(
  (problems) => {
    if (problems.length > 0) fail(problems);
    console.log(`\npackage-check passed (output in ${path.relative(projectDir, outputDir)})`);
  },
  (error: unknown) => fail([error instanceof Error ? error.message : String(error)]),
);
