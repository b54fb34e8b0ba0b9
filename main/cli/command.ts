/** One `beacon` subcommand. Later issues add commands by adding files to ./commands. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** parseArgs options for this command's flags. */
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run(
    args: { values: Record<string, string | boolean | undefined>; positionals: string[] },
    out: Output,
  ): Promise<number>;
}

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}
