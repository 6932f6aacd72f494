import protobuf from 'protobufjs/minimal.js';

/** protobufjs' Reader checks every read against the end of its buffer (RangeError otherwise). */
export type ProtobufReader = protobuf.Reader;

export function createReader(bytes: Uint8Array): ProtobufReader {
  return protobuf.Reader.create(bytes);
}
