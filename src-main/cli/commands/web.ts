import type { CliCommand } from '../cli-command.js';

export const webCommand: CliCommand = {
  name: 'web',
  summary: {
    vi: 'Chạy máy chủ web cục bộ (127.0.0.1) và mở trình duyệt, không dùng Electron',
    en: 'Run the local web host (127.0.0.1) and open the browser, without Electron',
  },
  async run(_values, _positionals, ctx) {
    // Loaded on use: the core and its PDF/OCR libraries would slow every other command's start.
    const { runWebHost } = await import('../../launch/web-launch.js');
    return runWebHost({ dataDir: ctx.dataDir, env: ctx.env, out: ctx.out, err: ctx.err });
  },
};
