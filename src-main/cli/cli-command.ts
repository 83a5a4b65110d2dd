import type { ParseArgsConfig } from 'node:util';

export type CliContext = {
  env: NodeJS.ProcessEnv;
  /** One line to stdout (what scripts read). */
  out(line: string): void;
  /** One line to stderr (messages for people). */
  err(line: string): void;
  /** The desk's data folder: TIEPNHAN_DATA_DIR or the OS user-data folder. */
  dataDir: string;
};

export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * One `tiepnhan` sub-command. Later issues add a command by writing one file under
 * commands/ and adding it to commands/index.ts.
 */
export type CliCommand = {
  name: string;
  summary: { vi: string; en: string };
  /** node:util parseArgs options; `--help` is added for every command. */
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Extra usage text after the command name, e.g. "[--json]". */
  usage?: string;
  allowPositionals?: boolean;
  /** Resolves with the process exit code. */
  run(values: CliValues, positionals: string[], ctx: CliContext): Promise<number>;
};
