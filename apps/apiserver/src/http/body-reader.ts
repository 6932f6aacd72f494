import type { IncomingMessage } from 'node:http';
import { parseDocument } from 'yaml';
import { ApiError, decodeProtobufBody, mediaTypeOf, PROTOBUF_CONTENT_TYPE } from '#api';

/** Deeper than any real object (Kubernetes kinds nest under 20); deeper input is refused before any recursive code sees it. */
export const MAX_BODY_DEPTH = 100;

export interface BodyLimits {
  maxBytes: number;
}

/** Reads the whole body, refusing it as soon as it passes the limit (413), without buffering the rest. */
export async function readRawBody(req: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limits.maxBytes) {
    req.resume();
    throw tooLarge(limits.maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limits.maxBytes) {
      req.resume();
      throw tooLarge(limits.maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const JSON_TYPES = new Set([
  '',
  'application/json',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
]);
const YAML_TYPES = new Set(['application/yaml', 'application/apply-patch+yaml']);

/**
 * Decodes a request body into a plain value by its Content-Type: JSON (also when absent,
 * as Kubernetes treats it), YAML (exactly one document), or Kubernetes protobuf, which
 * kubectl's generator commands (`kubectl create namespace ...`) send. Anything else is 415.
 */
export function decodeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) throw ApiError.badRequest('the request body is empty');
  const mediaType = mediaTypeOf(contentType ?? '');
  let value: unknown;
  if (mediaType === PROTOBUF_CONTENT_TYPE) {
    value = decodeProtobufBody(raw);
  } else if (YAML_TYPES.has(mediaType)) {
    value = decodeYaml(raw.toString('utf8'));
  } else if (JSON_TYPES.has(mediaType)) {
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      throw ApiError.badRequest(`the request body is not valid JSON: ${(error as Error).message}`);
    }
  } else {
    throw ApiError.unsupportedMediaType(
      `the body of the request was in an unknown format (${mediaType}) - accepted media types include: application/json, application/yaml, ${PROTOBUF_CONTENT_TYPE}`,
    );
  }
  assertDepth(value, MAX_BODY_DEPTH);
  return value;
}

function decodeYaml(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) throw ApiError.badRequest(`the request body is not valid YAML: ${doc.errors[0].message}`);
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw ApiError.badRequest(`the request body is not valid YAML: ${(error as Error).message}`);
  }
}

/** Iterative, so that hostile nesting cannot overflow the stack here either. */
function assertDepth(value: unknown, maxDepth: number): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) throw ApiError.badRequest(`the request body nests deeper than ${maxDepth} levels`);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
}

function tooLarge(maxBytes: number): ApiError {
  return ApiError.tooLarge(`Request entity too large: limit is ${maxBytes}`);
}
