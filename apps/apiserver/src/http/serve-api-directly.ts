import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { ApiError } from '#api';
import type { TokenAuthenticator } from '../security/index.js';
import type { ApiRequestHandler } from './api-request-handler.js';
import { writeError } from './response-writer.js';

/** /api, /apis and everything below them, exactly as Kubernetes spells them. */
const API_PATH = /^\/apis?(?:[/?]|$)/;

/**
 * Hands Kubernetes API requests to the ApiRequestHandler as soon as the HTTP server has
 * them, ahead of Express and Nest, which would only pass them through their router, guard
 * and interceptor chain to that same handler: about a tenth of the apiserver's CPU for a
 * small request (bench `scheduler`). Authentication is the guard's (BearerAuthGuard), the
 * answers are the same. Every other path (health, OpenAPI, /metrics, unknown paths, API
 * paths in another letter case) still goes to Nest, which keeps the ApiController route.
 * Call once Nest has attached its request listener.
 */
export function serveApiDirectly(server: Server, handler: ApiRequestHandler, authenticator: TokenAuthenticator): void {
  const nest = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!API_PATH.test(req.url ?? '')) {
      for (const listener of nest) listener(req, res);
      return;
    }
    if (!authenticator.authenticate(req.headers.authorization)) {
      writeError(res, ApiError.unauthorized());
      return;
    }
    void handler.handle(req, res);
  });
}
