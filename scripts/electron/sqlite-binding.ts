/**
 * Gets better-sqlite3 built for Electron into native/electron-<platform>-<arch>/, beside (never
 * over) the Node build in node_modules that the tests and the CLI load: first a prebuilt binary
 * (prebuild-install for runtime electron), else a local build (node-gyp against Electron's
 * headers). Both run in a scratch copy of the package, so node_modules is never touched.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  BINDING_FILE,
  BINDING_MANIFEST,
  bindingAbiOf,
  bindingManifestProblem,
  electronBindingDir,
  type BindingManifest,
} from '../../db/native-binding';

const require = createRequire(import.meta.url);

/**
 * Electron's NODE_MODULE_VERSION for a version, from the very node-abi table prebuild-install
 * names its downloads with (resolved through prebuild-install, whose dependency it is).
 */
export function electronAbi(electronVersion: string): string {
  const fromPrebuild = createRequire(require.resolve('prebuild-install/package.json'));
  const { getAbi } = fromPrebuild('node-abi') as {
    getAbi(target: string, runtime: string): string;
  };
  return getAbi(electronVersion, 'electron');
}

export interface BindingTarget {
  /** The folder that holds native/ (the project root, or a temporary one in tests). */
  nativeRoot: string;
  electronVersion: string;
  platform: string;
  arch: string;
}

/** The installed driver package: its folder and package.json. */
export function driverPackage(): { dir: string; name: string; version: string } {
  const manifestPath = require.resolve('better-sqlite3/package.json');
  const pkg = JSON.parse(readFileSync(manifestPath, 'utf8')) as { name: string; version: string };
  return { dir: dirname(manifestPath), name: pkg.name, version: pkg.version };
}

/**
 * True when native/ already holds a binding for this Electron, platform, architecture and
 * driver version, and its bytes register the ABI its manifest claims.
 */
export function bindingIsCurrent(target: BindingTarget, driverVersion: string): boolean {
  const dir = electronBindingDir(target.nativeRoot, target.platform, target.arch);
  try {
    const manifest = JSON.parse(readFileSync(join(dir, BINDING_MANIFEST), 'utf8')) as unknown;
    const abi = electronAbi(target.electronVersion);
    const expected = { abi, platform: target.platform, arch: target.arch };
    if (bindingManifestProblem(manifest, expected, driverVersion) !== null) return false;
    return bindingAbiOf(readFileSync(join(dir, BINDING_FILE))) === abi;
  } catch {
    return false;
  }
}

interface Attempt {
  ok: boolean;
  output: string;
  built?: string;
}

/**
 * The environment for prebuild-install and node-gyp, without npm settings that would silently
 * retarget them at this Node (an npmrc `nodedir`, say, makes node-gyp ignore --target).
 */
export function toolEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = { ...env };
  for (const name of ['nodedir', 'target', 'runtime', 'arch', 'platform', 'build_from_source']) {
    delete clean[`npm_config_${name}`];
    delete clean[`NPM_CONFIG_${name.toUpperCase()}`];
  }
  return clean;
}

function run(command: string[], cwd: string, env: NodeJS.ProcessEnv): Attempt {
  const [file, ...args] = command;
  const r = spawnSync(file ?? process.execPath, args, { cwd, env: toolEnv(env), encoding: 'utf8' });
  return {
    ok: r.status === 0,
    output: `${r.stdout ?? ''}\n${r.stderr ?? ''}\n${r.error?.message ?? ''}`,
  };
}

/** prebuild-install for runtime electron, in a folder holding only the package's manifest. */
function fetchPrebuilt(target: BindingTarget, scratch: string, env: NodeJS.ProcessEnv): Attempt {
  const driver = driverPackage();
  const cwd = join(scratch, 'prebuilt');
  mkdirSync(cwd);
  copyFileSync(join(driver.dir, 'package.json'), join(cwd, 'package.json'));
  const bin = require.resolve('prebuild-install/bin.js');
  const attempt = run(
    [
      process.execPath,
      bin,
      '--runtime=electron',
      `--target=${target.electronVersion}`,
      `--arch=${target.arch}`,
      `--platform=${target.platform}`,
      '--verbose',
    ],
    cwd,
    env,
  );
  const built = join(cwd, 'build', 'Release', BINDING_FILE);
  return { ...attempt, ok: attempt.ok && existsSync(built), built };
}

/** node-gyp against Electron's headers, in a scratch copy of the package's sources. */
function rebuild(target: BindingTarget, scratch: string, env: NodeJS.ProcessEnv): Attempt {
  const driver = driverPackage();
  const cwd = join(scratch, 'rebuilt');
  cpSync(driver.dir, cwd, {
    recursive: true,
    filter: (src) => !src.startsWith(join(driver.dir, 'build')),
  });
  const headers = env.BEACON_ELECTRON_HEADERS_URL ?? 'https://electronjs.org/headers';
  const attempt = run(
    [
      process.execPath,
      require.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${target.electronVersion}`,
      `--arch=${target.arch}`,
      `--dist-url=${headers}`,
    ],
    cwd,
    env,
  );
  const built = join(cwd, 'build', 'Release', BINDING_FILE);
  return { ...attempt, ok: attempt.ok && existsSync(built), built };
}

/** Moves a built binding and its manifest into native/ in one rename, never half-written. */
function install(target: BindingTarget, built: string, source: BindingManifest['source']): void {
  const driver = driverPackage();
  const dir = electronBindingDir(target.nativeRoot, target.platform, target.arch);
  const manifest: BindingManifest = {
    module: driver.name,
    moduleVersion: driver.version,
    electronVersion: target.electronVersion,
    abi: electronAbi(target.electronVersion),
    platform: target.platform,
    arch: target.arch,
    source,
  };
  const found = bindingAbiOf(readFileSync(built));
  if (found !== manifest.abi) {
    throw new Error(`the ${source} binding registers ABI ${String(found)}, not ${manifest.abi}`);
  }
  const staging = `${dir}.staging`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(built, join(staging, BINDING_FILE));
  writeFileSync(join(staging, BINDING_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
}

export type BindingOutcome =
  { ok: true; how: 'present' | 'prebuilt' | 'rebuilt' } | { ok: false; output: string };

/**
 * Makes sure native/ holds the Electron build: kept when current, else fetched, else built.
 * On failure, answers the tools' output (for the one-line report) and leaves native/ as it was.
 */
export function ensureElectronBinding(
  target: BindingTarget,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void = () => {},
): BindingOutcome {
  if (bindingIsCurrent(target, driverPackage().version)) return { ok: true, how: 'present' };
  const scratch = mkdtempSync(join(tmpdir(), 'beacon-electron-sqlite-'));
  try {
    log(`Fetching better-sqlite3 for Electron ${target.electronVersion}...`);
    const prebuilt = fetchPrebuilt(target, scratch, env);
    if (prebuilt.ok && prebuilt.built) {
      install(target, prebuilt.built, 'prebuilt');
      return { ok: true, how: 'prebuilt' };
    }
    log(
      'No prebuilt binary; building better-sqlite3 against Electron’s headers (a few minutes)...',
    );
    const rebuilt = rebuild(target, scratch, env);
    if (rebuilt.ok && rebuilt.built) {
      install(target, rebuilt.built, 'rebuilt');
      return { ok: true, how: 'rebuilt' };
    }
    return { ok: false, output: `${prebuilt.output}\n${rebuilt.output}` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
