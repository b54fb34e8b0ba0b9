/**
 * Clearly labelled stand-ins that let `npm run package:check` run electron-builder offline: an
 * "Electron binary" that is a shell script carrying Electron's fuse wire (so electron-builder's
 * fuse flipping really runs and can be read back), and an "Electron build of better-sqlite3"
 * where the real one cannot be fetched here. Neither can run; both say so in their bytes.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BINDING_FILE,
  BINDING_MANIFEST,
  electronBindingDir,
  type BindingManifest,
} from '../../db/native-binding';

/** @electron/fuses' sentinel: the fuse wire follows it (version 1, length, one byte a fuse). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's shipped fuse states, in wire order ('1' on, '0' off): RunAsNode on, cookie
 * encryption off, NODE_OPTIONS on, --inspect on, asar integrity off, only-asar off,
 * browser-specific snapshot off, file:// extra privileges on.
 */
export const ELECTRON_DEFAULT_FUSES = '10110001';

/** A folder with a labelled stand-in `electron` executable carrying the default fuse wire. */
export function makeElectronStandIn(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'beacon-electron-stub-'));
  const wire = `${FUSE_SENTINEL}\x01${String.fromCharCode(ELECTRON_DEFAULT_FUSES.length)}${ELECTRON_DEFAULT_FUSES}`;
  // The Linux packager only renames `electron` to the app's executable name.
  writeFileSync(
    path.join(dir, 'electron'),
    `#!/bin/sh\necho "STAND-IN for the Electron binary (npm run package:check)"\nexit 1\n# ${wire}\n`,
    'latin1',
  );
  chmodSync(path.join(dir, 'electron'), 0o755);
  return dir;
}

/**
 * Writes a stand-in Electron build of better-sqlite3 under `root`/native, with a manifest that
 * says it is one (the backend refuses to load it) and bytes that register no ABI.
 */
export function writeBindingStandIn(root: string, fields: Omit<BindingManifest, 'source'>): string {
  const dir = electronBindingDir(root, fields.platform, fields.arch);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, BINDING_FILE),
    'STAND-IN for better-sqlite3 built for Electron, written by npm run package:check.\n',
  );
  const manifest: BindingManifest = { ...fields, source: 'stand-in' };
  writeFileSync(path.join(dir, BINDING_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}
