import type { ServerResponse } from 'node:http';
import type { DocumentResponse } from '../discovery/index.js';

/** Writes a pre-serialised self-description document (discovery, OpenAPI) as built. */
export function writeDocument(res: ServerResponse, doc: DocumentResponse): void {
  res.writeHead(
    doc.status,
    doc.body === undefined ? doc.headers : { ...doc.headers, 'Content-Length': Buffer.byteLength(doc.body) },
  );
  res.end(doc.body);
}
