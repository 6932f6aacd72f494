import { ApiError } from '#api';

/** What a continue token carries: the list's resourceVersion and the last key returned. */
export interface ContinuePosition {
  resourceVersion: string;
  /** Index member "<ns>/<name>" of the last item of the previous page. */
  lastKey: string;
}

/** Same shape as Kubernetes' token (base64 JSON {v, rv, start}); clients treat it as opaque. */
interface TokenBody {
  v: string;
  rv: number;
  start: string;
}

const TOKEN_VERSION = 'meta.k8s.io/v1';

export function encodeContinueToken(position: ContinuePosition): string {
  const body: TokenBody = { v: TOKEN_VERSION, rv: Number(position.resourceVersion), start: position.lastKey };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodeContinueToken(token: string): ContinuePosition {
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    throw ApiError.badRequest('continue key is not valid: illegal base64 data or JSON');
  }
  if (
    body?.v !== TOKEN_VERSION ||
    !Number.isSafeInteger(body.rv) ||
    typeof body.start !== 'string' ||
    !body.start.includes('/')
  ) {
    throw ApiError.badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  return { resourceVersion: String(body.rv), lastKey: body.start };
}
