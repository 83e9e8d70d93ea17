/** What a command may touch: output streams and the process environment. Only the CLI prints. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Resolves when the user asks to stop (SIGINT/SIGTERM); long-running commands await it. */
  interrupted: Promise<string>;
  /** `--verbose` was given (any command): more detail, and the stack of an internal error. */
  verbose?: boolean;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Documented exit codes of every command. */
export const EXIT = {
  ok: 0,
  /** The run finished and something failed (an assertion, a request, a check). */
  failed: 1,
  /** Bad usage or bad input (unknown flag, missing file, invalid JSON, unknown collection). */
  usage: 2,
  /** An unexpected internal error; rerun with --verbose for the stack. */
  internal: 3,
} as const;

/** A user-facing error: its message is printed as is, without a stack trace. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
