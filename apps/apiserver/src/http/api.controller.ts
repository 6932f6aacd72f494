import { All, Controller, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiRequestHandler } from './api-request-handler.js';

/** /api and /apis: the Kubernetes REST surface. Routing below this point follows Kubernetes' path grammar. */
@Controller()
export class ApiController {
  constructor(private readonly handler: ApiRequestHandler) {}

  @All(['api', 'api/*path', 'apis', 'apis/*path'])
  handle(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    return this.handler.handle(req, res);
  }
}
