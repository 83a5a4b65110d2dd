import type { CliCommand } from '../cli-command.js';
import { appVersion } from '../app-version.js';

export const versionCommand: CliCommand = {
  name: 'version',
  summary: { vi: 'In phiên bản ứng dụng', en: 'Print the app version' },
  async run(_values, _positionals, ctx) {
    ctx.out(appVersion());
    return 0;
  },
};
