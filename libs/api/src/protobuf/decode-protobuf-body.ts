import { ApiError } from '../errors/api-error.js';
import { decodeMessage } from './decode-message.js';
import { malformed } from './malformed.js';
import { PROTOBUF_CONTENT_TYPE } from './protobuf-content-type.js';
import { topLevelSchemaFor } from './schema/top-level-kinds.js';
import { forEachField } from './wire/for-each-field.js';
import { expectWireType, WireType } from './wire/wire-type.js';

/** "k8s\0": the prefix Kubernetes puts before every protobuf-encoded object. */
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
}

/**
 * Decodes a Kubernetes protobuf request body (magic, then a runtime.Unknown whose `raw` holds
 * the typed object) into the JSON object shape the same object has in JSON.
 *
 * Throws 400 for anything malformed, and 415 only for a kind kubenest has no protobuf schema
 * for: a blanket 415 would make clients believe protobuf is unsupported altogether.
 */
export function decodeProtobufBody(bytes: Buffer): Record<string, unknown> {
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw malformed(`missing the Kubernetes protobuf prefix "k8s\\x00"`);
  }
  try {
    const envelope = readEnvelope(bytes.subarray(MAGIC.length));
    if (envelope.contentEncoding !== '') throw malformed(`unsupported contentEncoding "${envelope.contentEncoding}"`);
    if (envelope.apiVersion === '' || envelope.kind === '')
      throw malformed('the envelope names no apiVersion and kind');
    const schema = topLevelSchemaFor(envelope.apiVersion, envelope.kind);
    if (!schema) {
      throw ApiError.unsupportedMediaType(
        `no ${PROTOBUF_CONTENT_TYPE} decoding for ${envelope.apiVersion}, Kind=${envelope.kind}; send it as application/json`,
      );
    }
    return { apiVersion: envelope.apiVersion, kind: envelope.kind, ...decodeMessage(envelope.raw, schema) };
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // protobufjs reports truncation as a RangeError ("index out of range").
    throw malformed(error instanceof Error ? error.message : String(error));
  }
}

function readEnvelope(bytes: Uint8Array): Envelope {
  const envelope: Envelope = { apiVersion: '', kind: '', raw: new Uint8Array(), contentEncoding: '' };
  forEachField(bytes, (fieldNumber, wireType, reader) => {
    if (fieldNumber === 1) {
      expectWireType('Unknown.typeMeta', wireType, WireType.lengthDelimited);
      forEachField(reader.bytes(), (typeMetaField, typeMetaWireType, typeMetaReader) => {
        if (typeMetaField !== 1 && typeMetaField !== 2) return false;
        expectWireType('TypeMeta', typeMetaWireType, WireType.lengthDelimited);
        envelope[typeMetaField === 1 ? 'apiVersion' : 'kind'] = typeMetaReader.string();
        return true;
      });
    } else if (fieldNumber === 2 || fieldNumber === 3) {
      expectWireType('Unknown', wireType, WireType.lengthDelimited);
      if (fieldNumber === 2) envelope.raw = reader.bytes();
      else envelope.contentEncoding = reader.string();
    } else return false;
    return true;
  });
  return envelope;
}
