import { parse as parseYaml } from 'yaml';
import { ApiError } from '../errors/api-error.js';

/**
 * The patch document from a request body: raw text or bytes are decoded (JSON, or YAML
 * for apply patches, which accept JSON too since it is YAML); anything else is taken as
 * already decoded.
 */
export function decodePatchBody(body: unknown, yaml: boolean): unknown {
  if (body instanceof Uint8Array) return decodeText(Buffer.from(body).toString('utf8'), yaml);
  if (typeof body === 'string') return decodeText(body, yaml);
  return body;
}

function decodeText(text: string, yaml: boolean): unknown {
  try {
    // YAML aliases are capped so that a few bytes cannot expand into gigabytes.
    return yaml ? parseYaml(text, { schema: 'core', maxAliasCount: 100 }) : JSON.parse(text);
  } catch (e) {
    throw ApiError.badRequest(
      `error decoding ${yaml ? 'YAML' : 'patch'}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
}
