import { ApiError } from '#api';

export type Encoding = 'json' | 'yaml';
/** Alternate representations a client may ask for with ;as=...;g=meta.k8s.io;v=v1. */
export type Representation = 'Table' | 'PartialObjectMetadata' | 'PartialObjectMetadataList';

export interface ResponseFormat {
  encoding: Encoding;
  as?: Representation;
}

interface MediaRange {
  type: string;
  params: Record<string, string>;
  q: number;
}

const REPRESENTATIONS: readonly Representation[] = ['Table', 'PartialObjectMetadata', 'PartialObjectMetadataList'];

/**
 * Picks the response format from Accept the way kube-apiserver does: the first
 * acceptable entry by quality wins; entries we cannot produce (protobuf, Table from
 * an unknown group/version) are skipped; nothing acceptable is 406.
 */
export function negotiateResponse(accept: string | undefined): ResponseFormat {
  if (!accept || accept.trim() === '') return { encoding: 'json' };
  const ranges = parseAccept(accept);
  for (const range of ranges) {
    const format = formatFor(range);
    if (format) return format;
  }
  throw ApiError.notAcceptable(
    `only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io`,
  );
}

function formatFor(range: MediaRange): ResponseFormat | undefined {
  const encoding = encodingOf(range.type);
  if (!encoding) return undefined;
  const as = range.params['as'];
  if (as === undefined) return { encoding };
  if (!REPRESENTATIONS.includes(as as Representation)) return undefined;
  if (range.params['g'] !== 'meta.k8s.io' || (range.params['v'] !== 'v1' && range.params['v'] !== 'v1beta1'))
    return undefined;
  return { encoding, as: as as Representation };
}

function encodingOf(type: string): Encoding | undefined {
  switch (type) {
    case 'application/json':
    case 'application/*':
    case '*/*':
      return 'json';
    case 'application/yaml':
      return 'yaml';
    default:
      return undefined;
  }
}

function parseAccept(accept: string): MediaRange[] {
  const ranges = accept.split(',').map((entry, index) => {
    const [type, ...rawParams] = entry.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim();
    }
    const q = params['q'] === undefined ? 1 : Number(params['q']);
    return { type: type.toLowerCase(), params, q: Number.isFinite(q) ? q : 0, index };
  });
  return ranges.filter((r) => r.q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
}

/** The Content-Type header for a response in this format. */
export function contentTypeFor(format: ResponseFormat): string {
  const base = format.encoding === 'yaml' ? 'application/yaml' : 'application/json';
  return format.as ? `${base};as=${format.as};g=meta.k8s.io;v=v1` : base;
}
