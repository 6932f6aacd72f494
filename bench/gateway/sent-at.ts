import type { KubeObject } from '#api';

/** The annotation the benchmark stamps on every pod it creates: epoch ms just before the create request. */
export const SENT_AT = 'bench.kubenest.io/sent-at';

/** The JSON of that annotation as it appears in an encoded object, up to its value's first digit. */
const SENT_AT_JSON = Buffer.from(`"${SENT_AT}":"`);

export function sentAtOf(obj: KubeObject): number | undefined {
  const value = Number(obj.metadata.annotations?.[SENT_AT]);
  return value > 0 ? value : undefined;
}

/**
 * Calls `each` with the sent-at stamp of every object in an encoded `changes` packet, found by
 * a byte search for the annotation instead of JSON.parse: JSON.stringify writes the key in
 * exactly this form, and in managedFields it reads `"f:bench...`, which does not match.
 */
export function scanSentAt(packet: Buffer, each: (sentAt: number) => void): void {
  let at = packet.indexOf(SENT_AT_JSON);
  while (at !== -1) {
    let i = at + SENT_AT_JSON.length;
    let value = 0;
    for (let digit = packet[i] - 0x30; digit >= 0 && digit <= 9; digit = packet[++i] - 0x30) value = value * 10 + digit;
    each(value);
    at = packet.indexOf(SENT_AT_JSON, i);
  }
}
