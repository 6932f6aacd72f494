import { randomInt } from 'node:crypto';

// Kubernetes' generateName alphabet: no vowels (no accidental words) and no look-alikes.
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** metadata.generateName plus five random characters, as names.SimpleNameGenerator does. */
export function generatedName(base: string): string {
  const trimmed = base.length > 58 ? base.slice(0, 58) : base;
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return trimmed + suffix;
}
