import type { CliCommand } from '../cli-command.js';
import { findElectronBinary } from '../../launch/electron-binary.js';

export const startCommand: CliCommand = {
  name: 'start',
  summary: {
    vi: 'Mở ứng dụng: cửa sổ Electron nếu đã cài, nếu không thì máy chủ web cục bộ',
    en: 'Open the app: the Electron window if installed, otherwise the local web host',
  },
  async run(_values, _positionals, ctx) {
    const electron = findElectronBinary();
    // Never both: the Electron shell has its own transport, the web host stays off.
    if (electron) {
      const { runElectron } = await import('../../launch/electron-launch.js');
      return runElectron(electron, ctx.env);
    }
    ctx.err('Không tìm thấy Electron, dùng máy chủ web cục bộ. (Electron is not installed; using the local web host.)');
    // Loaded on use: the core and its PDF/OCR libraries would slow every other command's start.
    const { runWebHost } = await import('../../launch/web-launch.js');
    return runWebHost({ dataDir: ctx.dataDir, env: ctx.env, out: ctx.out, err: ctx.err });
  },
};
