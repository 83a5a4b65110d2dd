import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src-shared/contract/commands.js';
import { events } from '../../src-shared/contract/events.js';
import { appRoot } from '../../src-main/kernel/paths.js';

/**
 * The house rule of ARCHITECTURE.md: command `X.y` is declared in src-shared/contract/X-commands.ts
 * and handled in src-main/X/handlers.ts, whose only job is to map commands to a service.
 */
const root = appRoot();
const contractDir = join(root, 'src-shared', 'contract');
const featureFiles = readdirSync(contractDir).filter((f) => f.endsWith('-commands.ts'));
const features = featureFiles.map((f) => f.replace(/-commands\.ts$/, ''));
const camel = (s: string) => s.replace(/-(.)/g, (_m, c: string) => c.toUpperCase());

describe('where a command lives', () => {
  it('every feature contract file declares only commands and events of its own prefix', async () => {
    for (const feature of features) {
      const mod = (await import(join(contractDir, `${feature}-commands.ts`))) as Record<string, unknown>;
      const declared = mod[`${camel(feature)}Commands`] as Record<string, unknown> | undefined;
      expect(declared, `${feature}-commands.ts exports ${camel(feature)}Commands`).toBeDefined();
      for (const name of Object.keys(declared!)) expect(name.split('.')[0], `${name} in ${feature}-commands.ts`).toBe(feature);
      const evts = mod[`${camel(feature)}Events`] as Record<string, unknown> | undefined;
      for (const name of Object.keys(evts ?? {})) expect(name.split('.')[0], `event ${name} in ${feature}-commands.ts`).toBe(feature);
    }
  });

  it('every command and event of the contract comes from the file of its prefix', () => {
    for (const name of [...Object.keys(commands), ...Object.keys(events)]) expect(features, name).toContain(name.split('.')[0]);
  });

  it('every command is handled in src-main/<prefix>/handlers.ts, and no handler file serves another prefix', () => {
    for (const name of Object.keys(commands)) {
      const file = join(root, 'src-main', name.split('.')[0]!, 'handlers.ts');
      expect(existsSync(file), `${file} for ${name}`).toBe(true);
      expect(readFileSync(file, 'utf8'), `${name} in ${file}`).toContain(`'${name}'`);
    }
    for (const feature of features) {
      const text = readFileSync(join(root, 'src-main', feature, 'handlers.ts'), 'utf8');
      const keys = [...text.matchAll(/^\s+(?:async )?'([a-z]+)\.[a-zA-Z]+'/gm)].map((m) => m[1]);
      expect(new Set(keys), `handler keys in src-main/${feature}/handlers.ts`).toEqual(new Set([feature]));
    }
  });
});
