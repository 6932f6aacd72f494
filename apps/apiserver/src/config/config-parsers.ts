import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseSubjectAltName } from '../security/subject-alt-name.js';
import { NodePortRange } from '../registry/services/node-port-range.js';
import { ServiceIPRange } from '../registry/services/service-ip-range.js';
import type { ValueParser } from './config-reader.js';

// Parsers for ConfigReader: each throws an Error whose message reads after the value's
// name, e.g. "KUBENEST_SECURE_PORT" + " must be a port number 1-65535".

function integer(raw: unknown): number | undefined {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

export const port: ValueParser<number> = (raw) => {
  const value = integer(raw);
  if (value === undefined || value < 1 || value > 65535) throw new Error('must be a port number 1-65535');
  return value;
};

export const positiveInteger: ValueParser<number> = (raw) => {
  const value = integer(raw);
  if (value === undefined || value < 1 || !Number.isSafeInteger(value)) throw new Error('must be a positive integer');
  return value;
};

const BINARY_SUFFIXES: Record<string, number> = { '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };

/** A byte count, plain or with a Kubernetes binary suffix: 3145728, "3Mi", "512Ki". */
export const byteSize: ValueParser<number> = (raw) => {
  const match = (typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '').match(
    /^(\d+)(Ki|Mi|Gi)?$/,
  );
  const value = match ? Number(match[1]) * BINARY_SUFFIXES[match[2] ?? ''] : 0;
  if (!match || value < 1 || !Number.isSafeInteger(value))
    throw new Error('must be a positive byte count such as 3145728 or 3Mi');
  return value;
};

export const ipAddress: ValueParser<string> = (raw) => {
  if (typeof raw !== 'string' || isIP(raw.trim()) === 0)
    throw new Error('must be an IP address such as 127.0.0.1, 0.0.0.0 or ::');
  return raw.trim();
};

export const serviceIPRange: ValueParser<ServiceIPRange> = (raw) => ServiceIPRange.parse(String(raw));

export const nodePortRange: ValueParser<NodePortRange> = (raw) => NodePortRange.parse(String(raw));

export const absolutePath: ValueParser<string> = (raw, origin) => {
  if (typeof raw !== 'string' || raw.trim() === '') throw new Error('must be a path');
  return resolve(origin.baseDir, raw.trim());
};

/** redis://, rediss:// or unix:///path/to/redis.sock, as libs/store accepts. */
export const redisUrl: ValueParser<string> = (raw) => {
  const message = 'must be a redis://host:port, rediss://host:port or unix:///path/to/redis.sock URL';
  if (typeof raw !== 'string') throw new Error(message);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(message);
  }
  const ok =
    url.protocol === 'unix:'
      ? url.pathname.length > 1
      : (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  if (!ok) throw new Error(message);
  return raw.trim();
};

/** A comma-separated string (env var) or a YAML list of DNS names and IPs. */
export const subjectAltNames: ValueParser<string[]> = (raw) => {
  const items = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : undefined;
  if (!items || items.some((item) => typeof item !== 'string'))
    throw new Error('must be a list of DNS names and IP addresses');
  const names = (items as string[]).map((item) => item.trim()).filter((item) => item !== '');
  for (const name of names) {
    try {
      parseSubjectAltName(name);
    } catch {
      throw new Error(`must be a list of DNS names and IP addresses ('${name}' is neither)`);
    }
  }
  return names;
};

export function oneOf<T extends string>(allowed: readonly T[]): ValueParser<T> {
  return (raw) => {
    if (typeof raw !== 'string' || !allowed.includes(raw.trim() as T))
      throw new Error(`must be one of ${allowed.join(', ')}`);
    return raw.trim() as T;
  };
}
