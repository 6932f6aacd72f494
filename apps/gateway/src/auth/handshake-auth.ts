import type { Socket } from 'socket.io';
import type { GatewayMetrics } from '../observability/gateway-metrics.js';
import type { TokenReviewAuthenticator } from './token-review-authenticator.js';

type HandshakeError = Error & { data?: { reason: string } };

/**
 * socket.io middleware: the handshake carries `auth: { token }` (or an Authorization: Bearer
 * header, for non-browser clients); anything the apiserver does not accept is refused before
 * the connection exists, with connect_error "Unauthorized" and the reason in `err.data`.
 */
export function handshakeAuth(authenticator: TokenReviewAuthenticator, metrics: GatewayMetrics) {
  return (socket: Socket, next: (err?: Error) => void): void => {
    const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const header = socket.handshake.headers.authorization;
    const token = fromAuth ?? (header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined);
    const refuse = (message: string, reason: string, label: string) => {
      metrics.authFailures.inc({ reason: label });
      const error: HandshakeError = new Error(message);
      error.data = { reason };
      next(error);
    };
    authenticator.authenticate(token).then(
      (verdict) => {
        if (!verdict.ok) return refuse('Unauthorized', verdict.reason, token ? 'invalid' : 'missing');
        socket.data = { token, user: verdict.user };
        next();
      },
      (error: Error) =>
        refuse('ServiceUnavailable', `the apiserver could not review the token: ${error.message}`, 'unavailable'),
    );
  };
}
