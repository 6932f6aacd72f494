import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '#api';
import type { DiscoveryDocuments } from '../discovery/index.js';
import { writeDocument } from './document-writer.js';

/** GET of /api, /apis and their group and version documents; other methods are 405 as in Kubernetes. */
export class DiscoveryHandler {
  constructor(private readonly documents: DiscoveryDocuments) {}

  handle(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw ApiError.methodNotAllowed('discovery documents are read-only');
    const doc = this.documents.respond(pathname, req.headers.accept, req.headers['if-none-match']);
    if (!doc)
      throw new ApiError(404, 'NotFound', `the server could not find the requested resource (path ${pathname})`, {});
    writeDocument(res, doc);
  }
}
