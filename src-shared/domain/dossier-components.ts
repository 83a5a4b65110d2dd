import type { ComponentInput, Procedure } from '../contract/schemas.js';

/**
 * The components a dossier starts with when the clerk sends none: every catalog
 * component, required ones ticked as received. For procedures priced by pages
 * (certification of copies) the copies handed in are the photocopies to certify, so
 * their quantity follows the number of copies — a certification needs no ticking at all.
 */
export function defaultComponents(procedure: Procedure, copies: number): ComponentInput[] {
  return procedure.components.map((c) => ({
    name: c.name,
    kind: c.defaultKind,
    quantity: procedure.countsPages && c.defaultKind === 'photocopy' && copies > 0 ? Math.min(copies, 999) : c.defaultQuantity,
    received: c.required,
  }));
}

/** Required catalog components not received (compared by name, case- and space-insensitively). */
export function missingRequiredComponents(procedure: Procedure, components: readonly ComponentInput[]): string[] {
  const key = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
  const received = new Set(components.filter((c) => c.received).map((c) => key(c.name)));
  return procedure.components.filter((c) => c.required && !received.has(key(c.name))).map((c) => c.name);
}
