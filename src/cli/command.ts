/** What a command sees of the process: the CLI entry wires these to the real streams. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress bars only then). */
  readonly isTTY: boolean;
}

/** One `tidewatch <name>` command. `run` returns the exit status. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(argv: readonly string[], io: CommandIo): Promise<number>;
}
