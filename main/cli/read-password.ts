import { readFileSync } from 'node:fs';
import { UsageError } from './command';

/**
 * Asks for a password on the terminal without echoing it: raw mode, one key at a time, Enter
 * ends it, Backspace removes the last character, Ctrl-C cancels. The prompt goes to stderr, so
 * the command's output stays clean. Refused when there is no terminal to ask on.
 */
export function askPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(
      new UsageError('There is no terminal to ask for the password on: give --password-file FILE.'),
    );
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new UsageError('Cancelled: nothing was set up.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * The password in `path`: the file's first line, exactly as typed (only the line break after it
 * is dropped). A password is never a command-line argument, where other users of the machine and
 * the shell's history would see it.
 */
export function passwordFromFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`Cannot read the password file ${path}.`);
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (line === '') throw new UsageError(`The password file ${path} is empty.`);
  return line;
}

/** The password from --password-file, else asked twice on the terminal (the two must match). */
export async function newPasswordFrom(file: string | undefined, who: string): Promise<string> {
  if (file !== undefined) return passwordFromFile(file);
  const first = await askPassword(`Password for ${who}: `);
  const again = await askPassword('The same password again: ');
  if (first !== again) throw new UsageError('The two passwords differ: nothing was set up.');
  return first;
}
