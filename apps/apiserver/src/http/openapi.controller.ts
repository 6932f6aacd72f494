import { Controller, Get, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '#api';
import { OpenApiDocuments } from '../openapi/index.js';
import { writeDocument } from './document-writer.js';

/** /openapi/v2 and /openapi/v3/...: the schema documents kubectl explain, apply and validation read. */
@Controller()
export class OpenApiController {
  constructor(private readonly documents: OpenApiDocuments) {}

  @Get(['openapi/v2', 'openapi/v3', 'openapi/v3/*path'])
  serve(@Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://apiserver.invalid');
    const doc = this.documents.respond(
      url.pathname,
      url.searchParams.get('hash') ?? undefined,
      req.headers.accept,
      req.headers['if-none-match'],
    );
    if (!doc)
      throw new ApiError(
        404,
        'NotFound',
        `the server could not find the requested resource (path ${url.pathname})`,
        {},
      );
    writeDocument(res, doc);
  }
}
