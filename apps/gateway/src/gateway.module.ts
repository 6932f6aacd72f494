import { Module, type DynamicModule } from '@nestjs/common';
import { TokenReviewAuthenticator } from './auth/token-review-authenticator.js';
import { SessionRegistry } from './session/session-registry.js';
import { StreamGateway } from './session/stream.gateway.js';

export interface GatewayModuleDependencies {
  sessions: SessionRegistry;
  authenticator: TokenReviewAuthenticator;
}

/** The object graph is built by hand in main.ts (plain classes); Nest hosts the socket.io gateway. */
@Module({})
export class GatewayModule {
  static forRoot(deps: GatewayModuleDependencies): DynamicModule {
    return {
      module: GatewayModule,
      providers: [
        { provide: SessionRegistry, useValue: deps.sessions },
        { provide: TokenReviewAuthenticator, useValue: deps.authenticator },
        StreamGateway,
      ],
    };
  }
}
