import { malformed } from './malformed.js';
import type { FieldSchema, MessageSchema, ScalarType } from './schema/message-schema.js';
import { decodeWellKnown } from './well-known/decode-well-known.js';
import { forEachField } from './wire/for-each-field.js';
import { createReader, type ProtobufReader } from './wire/protobuf-reader.js';
import { readInt64 } from './wire/read-int64.js';
import { expectWireType, WireType } from './wire/wire-type.js';

type JsonObject = Record<string, unknown>;

/** A decoded value, or `omit` for what the JSON encoding leaves out. */
const omit = Symbol('omit');
type Decoded = unknown | typeof omit;

const SCALAR_WIRE_TYPES: Readonly<Record<ScalarType, WireType>> = {
  string: WireType.lengthDelimited,
  bytes: WireType.lengthDelimited,
  bool: WireType.varint,
  int32: WireType.varint,
  int64: WireType.varint,
  double: WireType.fixed64,
};

/**
 * Decodes one message into the object Kubernetes' JSON encoding gives for it. Recursion
 * follows the schema, which compileMessageTables guarantees to be acyclic.
 */
export function decodeMessage(bytes: Uint8Array, schema: MessageSchema): JsonObject {
  const object: JsonObject = {};
  forEachField(bytes, (fieldNumber, wireType, reader) => {
    const field = schema.fields.get(fieldNumber);
    if (!field) return false;
    const what = `${schema.name}.${field.jsonName}`;
    if (field.map) readMapEntry(object, field, what, wireType, reader);
    else if (field.repeated) readRepeated(object, field, what, wireType, reader);
    else assignSingular(object, field, readValue(field, what, wireType, reader));
    return true;
  });
  return object;
}

function assignSingular(object: JsonObject, field: FieldSchema, value: Decoded): void {
  if (value === omit) return;
  if (field.inline) Object.assign(object, value);
  else object[field.jsonName] = value;
}

function readRepeated(
  object: JsonObject,
  field: FieldSchema,
  what: string,
  wireType: number,
  reader: ProtobufReader,
): void {
  const list = (object[field.jsonName] ??= []) as unknown[];
  const packable = typeof field.type === 'string' && field.type !== 'string' && field.type !== 'bytes';
  if (packable && wireType === WireType.lengthDelimited) {
    // Packed encoding: Kubernetes' gogo-protobuf writes unpacked, but decoders must accept both.
    const packed = createReader(reader.bytes());
    const expected = SCALAR_WIRE_TYPES[field.type as ScalarType];
    while (packed.pos < packed.len) list.push(readScalar(field.type as ScalarType, what, expected, packed));
    return;
  }
  // A repeated element keeps its zero value: ["", 0] is a list of two.
  const value = readValue({ ...field, keepZero: true }, what, wireType, reader);
  if (value !== omit) list.push(value);
  if (list.length === 0) delete object[field.jsonName];
}

function readMapEntry(
  object: JsonObject,
  field: FieldSchema,
  what: string,
  wireType: number,
  reader: ProtobufReader,
): void {
  expectWireType(what, wireType, WireType.lengthDelimited);
  let key = '';
  let value: Decoded = omit;
  const valueField: FieldSchema = { ...field, map: false, keepZero: true };
  forEachField(reader.bytes(), (entryField, entryWireType, entryReader) => {
    if (entryField === 1) key = readScalar('string', `${what} key`, entryWireType, entryReader) as string;
    else if (entryField === 2) value = readValue(valueField, `${what}[${key}]`, entryWireType, entryReader);
    else return false;
    return true;
  });
  const map = (object[field.jsonName] ??= {}) as JsonObject;
  // defineProperty, not assignment: a label named "__proto__" must stay a plain key.
  Object.defineProperty(map, key, {
    value: value === omit ? '' : value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function readValue(field: FieldSchema, what: string, wireType: number, reader: ProtobufReader): Decoded {
  const type = field.type;
  if (typeof type === 'object') {
    expectWireType(what, wireType, WireType.lengthDelimited);
    return decodeMessage(reader.bytes(), type);
  }
  if (isScalar(type)) {
    const value = readScalar(type, what, wireType, reader);
    return !field.keepZero && isZeroScalar(value) ? omit : value;
  }
  expectWireType(what, wireType, WireType.lengthDelimited);
  const { value, zero } = decodeWellKnown(type, reader.bytes());
  return value === undefined || (zero && !field.keepZero) ? omit : value;
}

function readScalar(type: ScalarType, what: string, wireType: number, reader: ProtobufReader): unknown {
  expectWireType(what, wireType, SCALAR_WIRE_TYPES[type]);
  switch (type) {
    case 'string':
      return reader.string();
    case 'bytes':
      return Buffer.from(reader.bytes()).toString('base64');
    case 'bool':
      return reader.bool();
    case 'int32':
      return reader.int32();
    case 'int64':
      return Number(readInt64(reader));
    case 'double': {
      const value = reader.double();
      if (!Number.isFinite(value)) throw malformed(`${what}: ${value} has no JSON form`);
      return value;
    }
  }
}

function isScalar(type: string): type is ScalarType {
  return type in SCALAR_WIRE_TYPES;
}

function isZeroScalar(value: unknown): boolean {
  return value === '' || value === 0 || value === false;
}
