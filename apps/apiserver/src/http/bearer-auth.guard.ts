import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '#api';
import type { TokenAuthenticator, UserInfo } from '../security/index.js';

/** Health checks answer without credentials, so that probes and load balancers need no token. */
const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz']);

export type AuthenticatedRequest = IncomingMessage & { user?: UserInfo };

/** Every request but health checks needs a valid bearer token; anything else is a 401 Status. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(private readonly authenticator: TokenAuthenticator) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const path = (req.url ?? '/').split('?')[0];
    if (PUBLIC_PATHS.has(path)) return true;
    const user = this.authenticator.authenticate(req.headers.authorization);
    if (!user) throw ApiError.unauthorized();
    req.user = user;
    return true;
  }
}
