import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BeaconError } from '../../db';
import { UsageError, type Command, type Output } from './command';
import { FileError, fileFailureLine, isFileSystemError } from './file-errors';
import { central } from './commands/central';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { audit } from './commands/audit';
import { demo } from './commands/demo';
import { info } from './commands/info';
import { setup } from './commands/setup';
import { sync } from './commands/sync';
import { transfers } from './commands/transfers';
import { train } from './commands/train';
import { backupCommand } from './commands/backup';
import { restoreCommand } from './commands/restore';
import { users } from './commands/users';

export const commands: Command[] = [
  info,
  setup,
  demo,
  train,
  importCommand,
  exportCommand,
  backupCommand,
  restoreCommand,
  central,
  sync,
  transfers,
  users,
  audit,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Beacon: early warning for school dropout, from the command line.',
    '',
    'Usage: beacon <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `beacon <command> --help` for a command's options.",
    'Without --db, the database in the user-data folder is used (the same one the app uses).',
  ].join('\n');
}

/**
 * Node's argument parser explains how to pass a value starting with '-' after its "Unknown
 * option" sentence: the first sentence is the one that names the mistake.
 */
const firstSentence = (message: string): string =>
  message.startsWith('Unknown option') ? message.replace(/\. To specify .*$/s, '.') : message;

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** Runs the CLI on argv (without node and script) and returns the exit code. */
export async function runCli(argv: string[], out: Output): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out.log(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    out.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      out.log(`Usage: ${command.usage}\n\n${command.summary}`);
      return 0;
    }
    const db = (parsed.values as Record<string, unknown>).db;
    // SQLite's own error for a folder names no file; say which one and why.
    if (typeof db === 'string' && isFolder(db)) {
      out.error(`Cannot open ${db}: it is a folder, not a database file.`);
      return 1;
    }
    return await command.run(parsed, out);
  } catch (err) {
    if (
      err instanceof UsageError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      out.error(`${firstSentence((err as Error).message)}\nUsage: ${command.usage}`);
      return 2;
    }
    if (err instanceof BeaconError || err instanceof FileError) {
      out.error(err.message);
      return 1;
    }
    // A file named on the command line that cannot be opened or written: one line, no stack.
    if (isFileSystemError(err)) {
      out.error(fileFailureLine(err));
      return 1;
    }
    throw err;
  }
}
