import { join } from 'node:path';

/**
 * Which compiled SQLite binding a process loads. better-sqlite3's own `build/Release` copy is
 * compiled for Node's ABI (tests, the CLI, benchmarks); the app's backend runs inside Electron,
 * whose ABI differs, so an Electron build is kept beside it under `native/` and chosen at start.
 * Pure: no file system, so the choice is unit-tested for both runtimes.
 */

/** The file name of the binding inside its folder, as better-sqlite3 builds it. */
export const BINDING_FILE = 'better_sqlite3.node';
/** Written beside an Electron binding: what it was built for, so a stale one is never loaded. */
export const BINDING_MANIFEST = 'binding.json';
/** Set by the Electron main process for the backend: the folder that holds `native/`. */
export const NATIVE_ROOT_ENV = 'BEACON_NATIVE_ROOT';

export interface BindingManifest {
  /** The npm package the binding belongs to (better-sqlite3-multiple-ciphers). */
  module: string;
  moduleVersion: string;
  electronVersion: string;
  /** Electron's NODE_MODULE_VERSION, e.g. "150" for Electron 45. */
  abi: string;
  platform: string;
  arch: string;
  /**
   * How it was obtained: a downloaded prebuilt binary or a local build; `stand-in` marks the
   * placeholder `npm run package:check` packs where no real one can be had, never loaded.
   */
  source: 'prebuilt' | 'rebuilt' | 'stand-in';
}

export interface RuntimeInfo {
  /** `process.versions.electron`: set only inside Electron (main, utility process, workers). */
  electron: string | undefined;
  /** `process.versions.modules`: the ABI a native binding must be built for. */
  abi: string;
  platform: string;
  arch: string;
  /** The folder holding `native/`: the app folder in development, `resources/` when packaged. */
  nativeRoot: string | undefined;
}

export type BindingChoice =
  | { runtime: 'node' }
  | { runtime: 'electron'; path: string; manifestPath: string; expected: ExpectedBinding };

export interface ExpectedBinding {
  abi: string;
  platform: string;
  arch: string;
}

/** The folder an Electron binding for a platform and architecture lives in, under a root. */
export function electronBindingDir(root: string, platform: string, arch: string): string {
  return join(root, 'native', `electron-${platform}-${arch}`);
}

/**
 * Node loads better-sqlite3's own build; Electron loads the one under `native/`. Throws when
 * Electron runs without being told where `native/` is, rather than loading the Node build and
 * failing with an ABI error nobody can act on.
 */
export function chooseSqliteBinding(info: RuntimeInfo): BindingChoice {
  if (info.electron === undefined) return { runtime: 'node' };
  if (info.nativeRoot === undefined || info.nativeRoot === '') {
    throw new Error(
      `Beacon's backend runs in Electron ${info.electron} but ${NATIVE_ROOT_ENV} is not set, ` +
        'so it cannot find the database engine built for Electron.',
    );
  }
  const dir = electronBindingDir(info.nativeRoot, info.platform, info.arch);
  return {
    runtime: 'electron',
    path: join(dir, BINDING_FILE),
    manifestPath: join(dir, BINDING_MANIFEST),
    expected: { abi: info.abi, platform: info.platform, arch: info.arch },
  };
}

/**
 * What is wrong with an Electron binding's manifest for this runtime and this version of the
 * JavaScript half of better-sqlite3, as one sentence; null when it fits.
 */
export function bindingManifestProblem(
  manifest: unknown,
  expected: ExpectedBinding,
  moduleVersion: string,
): string | null {
  if (typeof manifest !== 'object' || manifest === null) return 'its binding.json is unreadable';
  const m = manifest as Partial<Record<keyof BindingManifest, unknown>>;
  if (m.source === 'stand-in') return 'it is the packaging check’s stand-in, not a real binding';
  if (m.abi !== expected.abi) {
    return `it was built for Electron ABI ${String(m.abi)}, this Electron needs ABI ${expected.abi}`;
  }
  if (m.platform !== expected.platform || m.arch !== expected.arch) {
    return `it was built for ${String(m.platform)}-${String(m.arch)}, not ${expected.platform}-${expected.arch}`;
  }
  if (m.moduleVersion !== moduleVersion) {
    return `it belongs to better-sqlite3 ${String(m.moduleVersion)}, the installed one is ${moduleVersion}`;
  }
  return null;
}

/**
 * The NODE_MODULE_VERSION a compiled binding registers itself with, read from its bytes
 * (`node_register_module_v150`), or null when it holds none (not a Node addon at all).
 */
export function bindingAbiOf(bytes: Uint8Array): string | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const match = /node_register_module_v(\d+)/.exec(text);
  return match?.[1] ?? null;
}
