/**
 * The short lookup code printed beside the dossier code so a citizen can follow a
 * dossier without dossier codes (which are sequential) being enough to read it.
 * 8 characters from a 32-symbol alphabet without 0/O and 1/I (40 random bits),
 * shown as XXXX-XXXX.
 */
export const lookupAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const lookupCodeLength = 8;

/**
 * Builds a code from cryptographically random bytes (main passes node:crypto's).
 * 32 symbols = 5 bits, so masking each byte keeps every symbol equally likely.
 */
export function lookupCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < lookupCodeLength) throw new RangeError(`Need ${lookupCodeLength} random bytes`);
  let s = '';
  for (let i = 0; i < lookupCodeLength; i++) s += lookupAlphabet[(bytes[i] ?? 0) & 31];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Normalises what a citizen types (case, spaces, missing dash) to the stored form, or null. */
export function normalizeLookupCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== lookupCodeLength || [...s].some((c) => !lookupAlphabet.includes(c))) return null;
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}
