import { Inject } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { handshakeAuth } from '../auth/handshake-auth.js';
import { TokenReviewAuthenticator } from '../auth/token-review-authenticator.js';
import type { Ack } from './ack.js';
import { SessionRegistry } from './session-registry.js';

/**
 * The socket.io endpoint of docs/gateway-protocol.md: thin, every request goes to the
 * socket's ClientSession, whose promise becomes the acknowledgement.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false })
export class StreamGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  constructor(
    @Inject(SessionRegistry) private readonly sessions: SessionRegistry,
    @Inject(TokenReviewAuthenticator) private readonly authenticator: TokenReviewAuthenticator,
  ) {}

  afterInit(server: Server): void {
    server.use(handshakeAuth(this.authenticator, this.sessions.deps.metrics));
  }

  handleConnection(socket: Socket): void {
    this.sessions.open(socket);
  }

  handleDisconnect(socket: Socket): void {
    this.sessions.close(socket);
  }

  @SubscribeMessage('watch')
  watch(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.sessions.get(socket).watch(body);
  }

  @SubscribeMessage('unwatch')
  unwatch(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.sessions.get(socket).stop(body);
  }

  @SubscribeMessage('logs')
  logs(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.sessions.get(socket).logs(body);
  }

  @SubscribeMessage('metrics')
  metrics(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.sessions.get(socket).metricsSamples(body);
  }

  @SubscribeMessage('stop')
  stop(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.sessions.get(socket).stop(body);
  }
}
