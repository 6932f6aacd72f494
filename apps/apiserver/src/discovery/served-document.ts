import { createHash } from 'node:crypto';
import type { Status } from '#api';

/** What the HTTP layer writes back: status, headers, body. Kept framework-free. */
export interface DocumentResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

/**
 * A document serialised once, with the ETag kube-openapi computes (upper-case hex SHA-512 of
 * the bytes). Serving the same bytes every time lets clients' HTTP caches (kubectl keeps one
 * under ~/.kube/cache/http) revalidate with If-None-Match and get 304s.
 */
export class ServedDocument {
  readonly body: string;
  readonly hash: string;

  constructor(
    document: unknown,
    readonly contentType: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {
    this.body = JSON.stringify(document);
    this.hash = createHash('sha512').update(this.body).digest('hex').toUpperCase();
  }

  get etag(): string {
    return `"${this.hash}"`;
  }

  respond(ifNoneMatch?: string, headers: Record<string, string> = {}): DocumentResponse {
    const all = { 'Content-Type': this.contentType, ETag: this.etag, Vary: 'Accept', ...this.extraHeaders, ...headers };
    if (ifNoneMatch && matchesEtag(ifNoneMatch, this.etag)) return { status: 304, headers: all };
    return { status: 200, headers: all, body: this.body };
  }
}

function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** A Status body for errors raised while choosing a document (406, 404). */
export function statusResponse(status: Status): DocumentResponse {
  return { status: status.code, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(status) };
}
