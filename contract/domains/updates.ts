import { z } from 'zod';
import { noInput } from '../schemas';
import { request } from '../spec';

/**
 * Where updates come from: the server built into the installer (BEACON_UPDATE_URL at build
 * time), a server on the district's network, or a folder (a USB drive or a share) holding the
 * installer and its latest.yml.
 */
export type UpdateSource =
  { kind: 'built-in' } | { kind: 'server'; url: string } | { kind: 'folder'; path: string };

export const updateSourceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('built-in') }).strict(),
  z
    .object({
      kind: z.literal('server'),
      url: z
        .string()
        .trim()
        .max(500, 'must be at most 500 characters')
        .refine((url) => {
          try {
            const u = new URL(url);
            return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '';
          } catch {
            return false;
          }
        }, 'must be an http:// or https:// address without a user name'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('folder'),
      path: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(1000, 'must be at most 1000 characters')
        .refine((p) => /^([a-zA-Z]:[\\/]|\\\\|\/)/.test(p), 'must be a full path to a folder'),
    })
    .strict(),
]);

export interface UpdateSettings {
  source: UpdateSource;
}

/**
 * Where an update stands. `unsupported`: this Beacon does not update itself (the command line,
 * a development build); `none`: checked, nothing newer; `downloading`; `ready`: downloaded and
 * verified, waiting for the user to agree to a restart; `failed`: `message` says why.
 */
export type UpdatePhase =
  'unsupported' | 'idle' | 'checking' | 'none' | 'downloading' | 'ready' | 'failed';

export interface UpdateStatus {
  phase: UpdatePhase;
  currentVersion: string;
  /** The newer version, once one is found. */
  version: string | null;
  /** 0 to 1 while downloading. */
  progress: number | null;
  /** Why it failed, or why it cannot install right now, in words fit for a user. */
  message: string | null;
  /** When the last check finished (ISO time), if any. */
  checkedAt: string | null;
  source: UpdateSource;
}

/** Updating Beacon itself: where from, what is available, and the restart that installs it. */
export const updateRequests = {
  getUpdateSettings: request<UpdateSettings>()(noInput, ['admin']),
  saveUpdateSettings: request<UpdateSettings>()(z.object({ source: updateSourceInput }).strict(), [
    'admin',
  ]),
  updateStatus: request<UpdateStatus>()(noInput, 'user'),
  /** Looks for a newer version at the chosen source and downloads it (verified) if there is one. */
  checkForUpdates: request<UpdateStatus>()(noInput, ['admin']),
  /**
   * Restarts Beacon into the downloaded update. The renderer asks the user first; the backend
   * refuses (CONFLICT) while a job runs or when no verified update is ready.
   */
  installUpdate: request<{ restarting: true }>()(noInput, ['admin']),
};
