import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../kernel/paths.js';

export function appVersion(): string {
  return (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
