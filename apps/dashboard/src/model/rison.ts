// Rison (https://github.com/Nanonid/rison), the compact JSON Kibana keeps its URL state in
// (`_g=(time:(from:now-15m,to:now))`). Only what Discover links need: objects, arrays,
// strings, numbers and booleans.

export type RisonValue = string | number | boolean | null | RisonValue[] | { [key: string]: RisonValue | undefined };

/** Characters a bare (unquoted) rison word may hold; anything else is quoted. */
const ID_OK = /^[A-Za-z_./~][A-Za-z0-9_./~-]*$/;

function encodeString(text: string): string {
  if (ID_OK.test(text)) return text;
  return `'${text.replace(/[!']/g, (c) => `!${c}`)}'`;
}

export function encodeRison(value: RisonValue): string {
  if (value === null) return '!n';
  if (typeof value === 'boolean') return value ? '!t' : '!f';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '!n';
  if (typeof value === 'string') return encodeString(value);
  if (Array.isArray(value)) return `!(${value.map(encodeRison).join(',')})`;
  const fields = Object.entries(value).filter((entry): entry is [string, RisonValue] => entry[1] !== undefined);
  return `(${fields.map(([key, v]) => `${encodeString(key)}:${encodeRison(v)}`).join(',')})`;
}
