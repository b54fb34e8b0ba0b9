import type { Events, UpdateSettings, UpdateStatus } from '../../../contract';
import { BeaconError, type Db } from '../../../db';
import { runningJobCount } from '../jobs/running-jobs';
import { currentSchool } from '../services/school';
import { inspectUpdateFolder } from './folder-update';
import { installRefusal } from './install-gate';
import { readUpdateSettings, writeUpdateSettings } from './update-settings';
import type { UpdateFeed, UpdaterState, UpdateShell } from './update-shell';

export interface UpdateServiceOptions {
  db: Db;
  currentVersion: string;
  /** The main process's updater; null where Beacon does not update itself. */
  shell: UpdateShell | null;
  emit(event: 'updateStatus', payload: Events['updateStatus']): void;
  platform?: NodeJS.Platform;
  arch?: string;
  now?: () => number;
}

/**
 * The backend's half of updating: where updates come from (a setting), what stands (a status
 * every window can read and is pushed), verifying a folder before anything is offered, and
 * the decision whether an update may install now. electron-updater itself runs in the main
 * process behind `shell`.
 */
export class UpdateService {
  private state: Omit<UpdateStatus, 'source' | 'currentVersion'>;

  constructor(private readonly options: UpdateServiceOptions) {
    this.state = this.initialState();
  }

  private initialState(): Omit<UpdateStatus, 'source' | 'currentVersion'> {
    const { shell } = this.options;
    return {
      phase: shell ? 'idle' : 'unsupported',
      version: null,
      progress: null,
      message: shell ? null : 'Updates are installed by the Beacon app, not from here.',
      checkedAt: null,
    };
  }

  private schoolId(): string | null {
    return currentSchool(this.options.db)?.id ?? null;
  }

  settings(): UpdateSettings {
    return readUpdateSettings(this.options.db, this.schoolId());
  }

  saveSettings(next: UpdateSettings): UpdateSettings {
    const saved = writeUpdateSettings(this.options.db, this.schoolId(), next);
    // What was found at the old source says nothing about the new one.
    this.publish(this.initialState());
    return saved;
  }

  status(): UpdateStatus {
    return {
      ...this.state,
      currentVersion: this.options.currentVersion,
      source: this.settings().source,
    };
  }

  /** Takes a state from the main process (progress, ready, failed) and tells every window. */
  onShellState(state: UpdaterState): void {
    const finished = state.phase !== 'checking' && state.phase !== 'downloading';
    this.publish({
      phase: state.phase,
      version: state.version ?? this.state.version,
      progress: state.progress ?? null,
      message: state.message ?? null,
      checkedAt: finished ? new Date(this.now()).toISOString() : this.state.checkedAt,
    });
  }

  /**
   * Looks for a newer version at the chosen source. A folder is verified here first (latest.yml,
   * the installer's size and sha512) and only then handed to the updater; a server's download
   * is verified by electron-updater against the same metadata.
   */
  async check(): Promise<UpdateStatus> {
    const { shell } = this.options;
    if (!shell) return this.status();
    const { source } = this.settings();
    this.publish({ ...this.state, phase: 'checking', message: null, progress: null });
    try {
      let feed: UpdateFeed;
      if (source.kind !== 'folder') feed = source;
      else {
        const found = await inspectUpdateFolder(source.path, {
          currentVersion: this.options.currentVersion,
          platform: this.options.platform ?? process.platform,
          arch: this.options.arch ?? process.arch,
        });
        if (found.kind === 'none') {
          this.onShellState({ phase: 'none', version: found.version });
          return this.status();
        }
        feed = { kind: 'folder', path: source.path, files: found.files };
      }
      await shell.check(feed);
    } catch (err) {
      this.onShellState({ phase: 'failed', message: (err as Error).message });
    }
    return this.status();
  }

  /**
   * The check the app makes by itself (at start and daily): a server only, because a folder is
   * often a USB drive that is not plugged in; nothing once an update is ready or on its way.
   */
  async checkOnSchedule(): Promise<void> {
    if (!this.options.shell || this.settings().source.kind === 'folder') return;
    if (this.state.phase === 'downloading' || this.state.phase === 'ready') return;
    await this.check();
  }

  /**
   * Restarts into the ready update, unless a job is running (in this process or another). The
   * jobs table is read in the same turn as the restart is asked for; a job claimed in the
   * moment before the app quits loses its lease and runs again at the next start.
   */
  async install(): Promise<void> {
    const refusal = installRefusal(this.status(), this.runningJobs());
    if (refusal) throw new BeaconError('CONFLICT', refusal);
    await this.options.shell?.install();
  }

  private runningJobs(): number {
    return runningJobCount(this.options.db, this.now());
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private publish(next: Omit<UpdateStatus, 'source' | 'currentVersion'>): void {
    this.state = next;
    this.options.emit('updateStatus', this.status());
  }
}
