/**
 * JSON with sorted keys and without null, undefined, empty maps or empty lists: one text
 * per meaning. Empty and absent compare equal as apimachinery's semantic DeepEqual has them.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value)) ?? 'null';
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalize);
    return items.length === 0 ? undefined : items;
  }
  if (value === null || typeof value !== 'object') return value ?? undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const normalized = normalize((value as Record<string, unknown>)[key]);
    if (normalized !== undefined) out[key] = normalized;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}
