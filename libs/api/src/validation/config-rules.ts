import type { FieldError } from '../errors/field-error.js';
import type { ConfigMapDto } from '../dto/core/config-map.dto.js';
import type { SecretDto } from '../dto/core/secret.dto.js';
import { fieldErrors, key } from './field-errors.js';
import { configKeyErrors } from './name-rules.js';

const MAX_DATA_BYTES = 1024 * 1024;

/** Go's base64.StdEncoding error ("illegal base64 data at input byte 4"), or undefined when valid. */
export function base64Error(s: string): string | undefined {
  const padded = /^[A-Za-z0-9+/]*={0,2}$/.exec(s);
  if (!padded) {
    const bad = s.search(/[^A-Za-z0-9+/=]|=[^=]|={3}/);
    return `illegal base64 data at input byte ${Math.max(bad, 0)}`;
  }
  // Go reports a short final quantum at the quantum's first byte.
  if (s.length % 4 !== 0) return `illegal base64 data at input byte ${s.length - (s.length % 4)}`;
  return undefined;
}

export function validateConfigMap(cm: ConfigMapDto): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    for (const msg of configKeyErrors(k)) errors.push(fieldErrors.invalid(key('data', k), k, msg));
    size += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) {
    for (const msg of configKeyErrors(k)) errors.push(fieldErrors.invalid(key('binaryData', k), k, msg));
    if (cm.data && Object.hasOwn(cm.data, k))
      errors.push(fieldErrors.invalid(key('binaryData', k), k, 'duplicate of key present in data'));
    const bad = base64Error(v);
    if (bad) errors.push(fieldErrors.invalid(key('binaryData', k), '<binary>', bad));
    size += Buffer.byteLength(k) + Math.floor((v.length * 3) / 4);
  }
  if (size > MAX_DATA_BYTES) errors.push(fieldErrors.tooLongTotal('', MAX_DATA_BYTES));
  return errors;
}

/** Keys each secret type requires in data (or stringData, merged into data on write). */
const REQUIRED_SECRET_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

export function validateSecret(secret: SecretDto): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(secret.data ?? {})) {
    for (const msg of configKeyErrors(k)) errors.push(fieldErrors.invalid(key('data', k), k, msg));
    // Never echo secret material in an error.
    const bad = base64Error(v);
    if (bad) errors.push(fieldErrors.invalid(key('data', k), '<secret contents redacted>', bad));
    size += Buffer.byteLength(k) + Math.floor((v.length * 3) / 4);
  }
  for (const [k, v] of Object.entries(secret.stringData ?? {})) {
    for (const msg of configKeyErrors(k)) errors.push(fieldErrors.invalid(key('stringData', k), k, msg));
    size += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (size > MAX_DATA_BYTES) errors.push(fieldErrors.tooLongTotal('data', MAX_DATA_BYTES));
  for (const required of REQUIRED_SECRET_KEYS[secret.type ?? ''] ?? []) {
    const present = Object.hasOwn(secret.data ?? {}, required) || Object.hasOwn(secret.stringData ?? {}, required);
    if (!present) errors.push(fieldErrors.required(key('data', required)));
  }
  return errors;
}
