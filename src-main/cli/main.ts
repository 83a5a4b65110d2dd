import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/contract/errors.js';
import { serverUsageLines } from '../../src-shared/sync/server-usage.js';
import { ConfigError } from '../kernel/config.js';
import { defaultDataDir } from '../kernel/paths.js';
import { DatabaseTooNewError } from '../db/migrate.js';
import { AlreadyRunningError } from '../kernel/instance-lock.js';
import { PortInUseError } from '../launch/port-choice.js';
import { appVersion } from './app-version.js';
import type { CliCommand, CliContext } from './cli-command.js';
import { cliCommands } from './commands/index.js';

function usage(commands: readonly CliCommand[]): string[] {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `TiepNhan ${appVersion()} — tiếp nhận hồ sơ một cửa (one-stop reception desk)`,
    '',
    'Cách dùng / Usage: tiepnhan <lệnh> [tùy chọn]   (tiepnhan <command> [options])',
    '',
    'Lệnh / Commands:',
    ...commands.flatMap((c) => [`  ${c.name.padEnd(width)}${c.summary.vi}`, `  ${''.padEnd(width)}${c.summary.en}`]),
    '',
    'Biến môi trường / Environment:',
    '  TIEPNHAN_DATA_DIR     thư mục dữ liệu / data folder',
    '  TIEPNHAN_MACHINE_CONFIG tệp cấu hình máy thay cho tệp mặc định, rỗng = không dùng / machine config file instead of the default, empty = none',
    '  TIEPNHAN_PORT         cổng máy chủ web, 0 = cổng trống bất kỳ / web host port, 0 = any free port',
    '  TIEPNHAN_NO_BROWSER=1 không tự mở trình duyệt / do not open the browser',
    '',
    'Máy chủ tỉnh / Provincial server:',
    ...serverUsageLines.map((l) => `  ${l}`),
    '',
    'Xem thêm / More: tiepnhan <lệnh/command> --help',
  ];
}

function commandHelp(c: CliCommand): string[] {
  return [`tiepnhan ${c.name}${c.usage ? ` ${c.usage}` : ''}`, `  ${c.summary.vi}`, `  ${c.summary.en}`];
}

/** Errors that are the user's or the machine's situation, not bugs: a message is enough. */
const expected = (error: unknown) =>
  error instanceof AppError ||
  error instanceof ConfigError ||
  error instanceof AlreadyRunningError ||
  error instanceof DatabaseTooNewError ||
  error instanceof PortInUseError;

export type CliIo = Partial<Omit<CliContext, 'dataDir'>>;

/** Runs `tiepnhan ARGS…`; resolves with the exit code (2 = wrong usage). */
export async function runCli(argv: string[], io: CliIo = {}, commands: readonly CliCommand[] = cliCommands): Promise<number> {
  const env = io.env ?? process.env;
  const out = io.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    usage(commands).forEach((l) => out(l));
    return 0;
  }
  if (name === '--version' || name === '-v') {
    out(appVersion());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    err(`Lệnh không tồn tại: "${name}". (Unknown command: "${name}".)`);
    usage(commands).forEach((l) => err(l));
    return 2;
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    err(`${error instanceof Error ? error.message : String(error)}`);
    commandHelp(command).forEach((l) => err(l));
    return 2;
  }
  if (parsed.values.help) {
    commandHelp(command).forEach((l) => out(l));
    return 0;
  }
  try {
    return await command.run(parsed.values as never, parsed.positionals, { env, out, err, dataDir: defaultDataDir(env) });
  } catch (error) {
    if (expected(error)) err((error as Error).message);
    else err(`Lỗi / Error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}
