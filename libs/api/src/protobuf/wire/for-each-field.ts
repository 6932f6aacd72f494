import { malformed } from '../malformed.js';
import { createReader, type ProtobufReader } from './protobuf-reader.js';
import { WireType } from './wire-type.js';

/** Reads the field's value from the reader and returns true, or returns false to have it skipped. */
export type FieldVisitor = (fieldNumber: number, wireType: number, reader: ProtobufReader) => boolean;

/**
 * Walks the fields of one message. Nested messages are visited through their own reader over
 * a bounds-checked slice, so no read can run past the message that contains it.
 */
export function forEachField(bytes: Uint8Array, visit: FieldVisitor): void {
  const reader = createReader(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const fieldNumber = tag >>> 3;
    const wireType = tag & 7;
    if (fieldNumber === 0) throw malformed('field number 0');
    if (!visit(fieldNumber, wireType, reader)) skipValue(reader, wireType, fieldNumber);
  }
}

function skipValue(reader: ProtobufReader, wireType: number, fieldNumber: number): void {
  switch (wireType) {
    case WireType.varint:
      return void reader.skip();
    case WireType.fixed64:
      return void reader.skip(8);
    case WireType.lengthDelimited:
      return void reader.skip(reader.uint32());
    case WireType.fixed32:
      return void reader.skip(4);
    default:
      // Groups (3, 4) are proto2 relics Kubernetes never writes; skipping them would recurse.
      throw malformed(`field ${fieldNumber}: unsupported wire type ${wireType}`);
  }
}
