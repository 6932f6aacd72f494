import { malformed } from '../malformed.js';
import type { WellKnownType } from '../schema/message-schema.js';
import { forEachField } from '../wire/for-each-field.js';
import type { ProtobufReader } from '../wire/protobuf-reader.js';
import { readInt64 } from '../wire/read-int64.js';
import { expectWireType, WireType } from '../wire/wire-type.js';
import { formatGoDuration } from './format-go-duration.js';
import { formatRfc3339 } from './format-rfc3339.js';

/** A decoded well-known value; `zero` marks what a non-pointer Go field holds when unset. */
export interface WellKnownValue {
  value: unknown;
  zero: boolean;
}

type Fields = Map<number, bigint | string | Uint8Array>;

/** Decodes apimachinery's special messages into the JSON form their MarshalJSON produces. */
export function decodeWellKnown(type: WellKnownType, bytes: Uint8Array): WellKnownValue {
  switch (type) {
    case 'Time':
    case 'MicroTime': {
      // Go writes a zero time as an empty message; JSON has null there, so it is dropped.
      const fields = readFields(type, bytes, { 1: 'varint', 2: 'varint' });
      const seconds = (fields.get(1) as bigint | undefined) ?? 0n;
      const nanos = Number((fields.get(2) as bigint | undefined) ?? 0n);
      if (fields.size === 0) return { value: undefined, zero: true };
      return { value: formatRfc3339(seconds, nanos, type === 'Time' ? 0 : 6), zero: false };
    }
    case 'Duration': {
      const nanoseconds = (readFields(type, bytes, { 1: 'varint' }).get(1) as bigint | undefined) ?? 0n;
      return { value: formatGoDuration(nanoseconds), zero: nanoseconds === 0n };
    }
    case 'IntOrString': {
      const fields = readFields(type, bytes, { 1: 'varint', 2: 'varint', 3: 'string' });
      if (fields.get(1) === 1n) {
        const text = (fields.get(3) as string | undefined) ?? '';
        return { value: text, zero: text === '' };
      }
      const number = Number(BigInt.asIntN(32, (fields.get(2) as bigint | undefined) ?? 0n));
      return { value: number, zero: number === 0 };
    }
    case 'Quantity': {
      const text = (readFields(type, bytes, { 1: 'string' }).get(1) as string | undefined) ?? '';
      return { value: text, zero: text === '' };
    }
    case 'FieldsV1':
    case 'RawExtension': {
      const raw = readFields(type, bytes, { 1: 'bytes' }).get(1) as Uint8Array | undefined;
      if (raw === undefined || raw.length === 0) return { value: undefined, zero: true };
      return { value: parseEmbeddedJson(type, raw), zero: false };
    }
  }
}

type FieldKind = 'varint' | 'string' | 'bytes';

function readFields(type: WellKnownType, bytes: Uint8Array, expected: Record<number, FieldKind>): Fields {
  const fields: Fields = new Map();
  forEachField(bytes, (fieldNumber, wireType, reader) => {
    const kind = expected[fieldNumber];
    if (kind === undefined) return false;
    fields.set(fieldNumber, readKind(`${type} field ${fieldNumber}`, kind, wireType, reader));
    return true;
  });
  return fields;
}

function readKind(
  what: string,
  kind: FieldKind,
  wireType: number,
  reader: ProtobufReader,
): bigint | string | Uint8Array {
  if (kind === 'varint') {
    expectWireType(what, wireType, WireType.varint);
    return readInt64(reader);
  }
  expectWireType(what, wireType, WireType.lengthDelimited);
  return kind === 'string' ? reader.string() : reader.bytes();
}

function parseEmbeddedJson(type: WellKnownType, raw: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'));
  } catch {
    throw malformed(`${type} does not hold JSON`);
  }
}
