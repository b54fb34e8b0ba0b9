import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundledScript, type BundledEntry } from './node-bundles';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Child {
  process: ChildProcessWithoutNullStreams;
  /** Resolves with the first stdout line equal to `line` (or rejects when the child exits first). */
  waitFor(line: string): Promise<void>;
  /** Every stdout line so far. */
  lines: string[];
  /** Resolves when the child exits, with its exit code, signal and stderr. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts a bundled entry point (see node-bundles.ts) in a real child Node process. */
export function spawnChild(entry: BundledEntry, args: string[]): Child {
  const child = spawn(process.execPath, [bundledScript(entry), ...args], {
    cwd: root,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
    stdio: 'pipe',
  });
  const lines: string[] = [];
  const waiters: { line: string; resolve: () => void }[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((x) => x.line === line)) w.resolve();
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return {
    process: child,
    lines,
    exited,
    waitFor: (line) =>
      lines.includes(line)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            waiters.push({ line, resolve });
            void exited.then((e) =>
              reject(
                new Error(`child exited (${e.code ?? e.signal}) before "${line}": ${e.stderr}`),
              ),
            );
          }),
  };
}
