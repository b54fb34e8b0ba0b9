import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** A file the command could not read or write, said in one line: printed alone, exit code 1. */
export class FileError extends Error {}

/** What Node's error codes mean for a person who named a file. */
const reasons: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'part of the path is a file, not a folder',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  EBUSY: 'the file is in use by another program',
};

const writeCalls = new Set(['write', 'rename', 'mkdir', 'unlink', 'rmdir', 'copyfile', 'chmod']);

interface ErrnoError {
  code: string;
  syscall?: string;
  path?: string;
}

/** Whether `err` is one of Node's file-system errors (it has an error code and a system call). */
export function isFileSystemError(err: unknown): err is ErrnoError {
  const e = err as Partial<ErrnoError> | null;
  return typeof e?.code === 'string' && e.code.startsWith('E') && typeof e.syscall === 'string';
}

/** "no such file or folder" and the like; the raw code where there are no plainer words. */
export const fileReason = (err: ErrnoError): string =>
  reasons[err.code] ?? `the system refused it (${err.code})`;

/** One line for a file-system error that escaped a command: the file and the cause. */
export function fileFailureLine(err: ErrnoError): string {
  if (err.syscall === 'mkdir' && (err.code === 'EEXIST' || err.code === 'ENOTDIR')) {
    return `Cannot make the folder ${err.path ?? ''}: a file has that name.`;
  }
  const verb = writeCalls.has(err.syscall ?? '') ? 'write' : 'open';
  return err.path
    ? `Cannot ${verb} ${err.path}: ${fileReason(err)}.`
    : `A file could not be used: ${fileReason(err)}.`;
}

/**
 * Writes beside the target, then renames: a failed write never leaves half a file, and a
 * failure names the file asked for (not the temporary one) and the cause.
 */
export function writeFileWhole(file: string, content: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.part`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (err) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The temporary file could not even be made (its folder is missing): nothing to remove.
    }
    if (isFileSystemError(err)) throw new FileError(`Cannot write ${file}: ${fileReason(err)}.`);
    throw err;
  }
}
