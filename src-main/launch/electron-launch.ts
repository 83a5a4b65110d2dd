import { spawn } from 'node:child_process';
import { appRoot } from '../kernel/paths.js';

/** Starts the Electron shell on this app and mirrors its exit code; signals pass through. */
export function runElectron(binary: string, env: NodeJS.ProcessEnv): Promise<number> {
  const childEnv = { ...env };
  // Left over from a parent shell it would make Electron behave as plain Node.
  delete childEnv.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [appRoot()], { stdio: 'inherit', env: childEnv });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
