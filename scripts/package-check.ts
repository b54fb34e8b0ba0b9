// Packages the Linux `dir` target offline and checks what went into it: app.asar, the Electron
// build of better-sqlite3 beside it, and the fuses in the executable.
// Run after `npm run build` (see `npm run package:check`). It needs no Electron download: a
// labelled stand-in takes the Electron binary's place (carrying its fuse wire, so the fuses are
// really flipped and read back), and, where no real Electron build of better-sqlite3 is in
// native/ (it cannot be fetched offline), a labelled stand-in takes its place too.
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRawHeader } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { build, Platform } from 'electron-builder';
import {
  BINDING_FILE,
  BINDING_MANIFEST,
  bindingAbiOf,
  electronBindingDir,
} from '../db/native-binding';
import { electronVersionIn } from './electron/electron-binary';
import { bindingIsCurrent, driverPackage, electronAbi } from './electron/sqlite-binding';
import { describeFuses, fuseProblems } from './package/fuse-check';
import { makeElectronStandIn, writeBindingStandIn } from './package/stand-ins';

type AsarNode = {
  files?: Record<string, AsarNode>;
  size?: number;
  unpacked?: boolean;
  link?: string;
};
type AsarFile = { path: string; size: number; unpacked: boolean };

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = path.join(projectDir, 'dist', 'package-check');
const electronVersion = electronVersionIn(path.join(projectDir, 'node_modules', 'electron'));
// The Linux dir target is built for the machine's architecture.
const target = { nativeRoot: projectDir, electronVersion, platform: 'linux', arch: process.arch };

/** Packages the Linux dir target; answers its folder (linux-unpacked or linux-<arch>-unpacked). */
async function packageLinuxDir(electronDist: string): Promise<string> {
  rmSync(outputDir, { recursive: true, force: true });
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget('dir'),
    config: {
      // A path in `extends` makes electron-builder load this file as the base config.
      extends: path.join(projectDir, 'electron-builder.yml'),
      electronDist,
      electronVersion,
      npmRebuild: false,
      publish: null,
      directories: { output: outputDir },
    },
  });
  const unpackedDir = readdirSync(outputDir).find((name) => name.startsWith('linux'));
  if (unpackedDir === undefined) throw new Error(`no linux-*unpacked folder in ${outputDir}`);
  return path.join(outputDir, unpackedDir);
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

  // The Node build cannot load in Electron: only the Electron one (outside the asar) may ship.
  bad('copies of better-sqlite3 built for Node', (f) => f.path.endsWith(BINDING_FILE));
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
    'out/backend/training-worker.js',
    'out/backend/backup-worker.js',
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
  // The renderer's bundle is what every window parses at start: worth watching as screens grow.
  const renderer = files.filter((f) => f.path.startsWith('out/renderer/'));
  const rendererSize = renderer.reduce((sum, f) => sum + f.size, 0);
  console.log(`renderer bundle: ${mb(rendererSize)} in ${renderer.length} files`);
  for (const f of renderer.filter((r) => /\.(js|css)$/.test(r.path))) {
    console.log(`  ${f.path.replace('out/renderer/', '')}  ${mb(f.size)}`);
  }
}

/**
 * What is wrong with the Electron build of better-sqlite3 in the package (outside the asar,
 * where the backend looks for it), and a line describing what was packed.
 */
function nativeProblems(resourcesDir: string): { problems: string[]; summary: string } {
  const dir = electronBindingDir(resourcesDir, target.platform, target.arch);
  const rel = path.relative(resourcesDir, dir);
  if (!existsSync(path.join(dir, BINDING_FILE))) {
    return { problems: [`resources/${rel}/${BINDING_FILE} is missing`], summary: '' };
  }
  const manifest = JSON.parse(readFileSync(path.join(dir, BINDING_MANIFEST), 'utf8')) as {
    abi?: string;
    source?: string;
  };
  const abi = electronAbi(electronVersion);
  const problems: string[] = [];
  if (manifest.abi !== abi) {
    problems.push(
      `resources/${rel} is for ABI ${String(manifest.abi)}, Electron ${electronVersion} needs ${abi}`,
    );
  }
  if (manifest.source === 'stand-in') {
    return {
      problems,
      summary:
        `Electron build of better-sqlite3: a STAND-IN was packed at resources/${rel} (no real one ` +
        'in native/, and it cannot be fetched offline): the packing rule is checked, the binary ' +
        'is not. Run `npm run electron:native` with internet access to pack the real one.',
    };
  }
  const found = bindingAbiOf(readFileSync(path.join(dir, BINDING_FILE)));
  if (found !== abi)
    problems.push(`resources/${rel}/${BINDING_FILE} registers ABI ${String(found)}, not ${abi}`);
  return {
    problems,
    summary: `Electron build of better-sqlite3: resources/${rel}, ABI ${String(found)} (${String(manifest.source)})`,
  };
}

/**
 * Puts a stand-in Electron binding in native/ unless a real, current one is there (moving any
 * stale one aside); answers how to put things back.
 */
function provideBinding(): () => void {
  if (bindingIsCurrent(target, driverPackage().version)) return () => {};
  const dir = electronBindingDir(target.nativeRoot, target.platform, target.arch);
  const aside = `${dir}.aside`;
  const nativeDir = path.dirname(dir);
  const hadNative = existsSync(nativeDir);
  const hadOne = existsSync(dir);
  if (hadOne) renameSync(dir, aside);
  writeBindingStandIn(target.nativeRoot, {
    module: driverPackage().name,
    moduleVersion: driverPackage().version,
    electronVersion,
    abi: electronAbi(electronVersion),
    platform: target.platform,
    arch: target.arch,
  });
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (hadOne) renameSync(aside, dir);
    if (!hadNative) rmSync(nativeDir, { recursive: true, force: true });
  };
}

// Packages the app and returns what is wrong with it (empty when it is fine).
async function check(): Promise<string[]> {
  if (!existsSync(path.join(projectDir, 'out', 'main', 'main.js'))) {
    return ['out/main/main.js not found: run `npm run build` first'];
  }
  const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as {
    name: string;
    devDependencies?: Record<string, string>;
  };
  const stub = makeElectronStandIn();
  const restoreBinding = provideBinding();
  try {
    const appDir = await packageLinuxDir(stub);
    const resourcesDir = path.join(appDir, 'resources');
    const header = getRawHeader(path.join(resourcesDir, 'app.asar')).header as AsarNode;
    const files = listAsar(header);
    printSummary(resourcesDir, files);
    const native = nativeProblems(resourcesDir);
    if (native.summary) console.log(native.summary);
    const wire = (await getCurrentFuseWire(path.join(appDir, pkg.name))) as unknown as Record<
      number,
      number
    >;
    console.log(
      `fuses (on the STAND-IN executable, flipped by electron-builder): ${describeFuses(wire)}`,
    );
    return [
      ...findProblems(files, Object.keys(pkg.devDependencies ?? {})),
      ...native.problems,
      ...fuseProblems(wire),
    ];
  } finally {
    restoreBinding();
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
