import type { ProtobufReader } from './protobuf-reader.js';

/** int64 exactly, as a bigint: protobufjs returns a Long (two 32-bit halves) when `long` is installed. */
export function readInt64(reader: ProtobufReader): bigint {
  const value: unknown = reader.int64();
  if (typeof value === 'number') return BigInt(value);
  const { low, high } = value as { low: number; high: number };
  return BigInt.asIntN(64, (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0));
}
