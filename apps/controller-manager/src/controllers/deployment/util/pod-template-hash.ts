import type { PodTemplateSpec } from '#api';
import { canonicalJson } from './canonical-json.js';

/** rand.SafeEncodeString's alphabet: no vowels (no words) and no 0/1/3 (no look-alikes). */
const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * controller.ComputeHash: FNV-32a over the template, then over collisionCount as 4
 * little-endian bytes when set, printed in decimal and mapped onto the safe alphabet.
 * Kubernetes hashes Go's printed struct; kubenest hashes canonical JSON, which is as stable
 * (same template -> same name) though the strings differ from a Kubernetes cluster's.
 * Bumping collisionCount yields a new name after a collision with a foreign RS.
 */
export function podTemplateHash(template: PodTemplateSpec, collisionCount?: number): string {
  let hash = 0x811c9dc5;
  const feed = (bytes: Uint8Array) => {
    for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  };
  feed(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    feed(bytes);
  }
  return [...String(hash >>> 0)].map((c) => SAFE_ALPHANUMS[c.charCodeAt(0) % SAFE_ALPHANUMS.length]).join('');
}
