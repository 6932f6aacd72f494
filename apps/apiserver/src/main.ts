import 'reflect-metadata';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, NestPinoLogger, exitOnSignals, runMain } from '#observability';
import { searchFromEnv } from '#search';
import { RedisStore } from '#store';
import { ApiserverModule } from './apiserver.module.js';
import { ApiRequestHandler } from './http/api-request-handler.js';
import { serveApiDirectly } from './http/serve-api-directly.js';
import { RequestMetrics } from './observability/request-metrics.js';
import { logSearchBackend } from './log-search/log-search-backend.js';
import { loadApiserverConfig } from './config/apiserver-config.js';
import { ResourceRegistry } from './registry/resource-registry.js';
import { ensureSystemNamespaces } from './registry/system-namespaces.js';
import {
  ensureAdminToken,
  ensurePki,
  ensureUserToken,
  KUBELET_CLIENT_USER,
  MASTERS_GROUP,
  TokenAuthenticator,
  tokenFilePath,
} from './security/index.js';
import { PodStreamProxy } from './node-proxy/index.js';
import { ensureKubernetesService } from './registry/services/kubernetes-service.js';
import { repairServiceAllocations } from './registry/services/repair-service-allocations.js';
import { ServiceAllocator } from './registry/services/service-allocator.js';

const logger = createLogger('apiserver');

async function main(): Promise<void> {
  const config = loadApiserverConfig();
  logger.level = config.logLevel;
  const pki = await ensurePki(config.dataDir, { extraSans: config.extraSans });
  await ensureAdminToken(config.dataDir);
  const kubeletClientToken = await ensureUserToken(config.dataDir, KUBELET_CLIENT_USER, [MASTERS_GROUP]);
  const authenticator = new TokenAuthenticator(tokenFilePath(config.dataDir), {
    onReloadError: (err) => logger.error({ err }, 'tokens.csv changed but cannot be read; keeping the previous tokens'),
  });
  const store = await RedisStore.connect(config.redisUrl, {
    logger: logger.child({ module: 'store' }),
    changeStreamMaxLen: config.watchHistory,
  });

  const serviceAllocator = new ServiceAllocator(store, config.serviceClusterIPRange, config.serviceNodePortRange);
  await repairServiceAllocations(store, serviceAllocator, logger.child({ module: 'service-allocation-repair' }));

  const metrics = new RequestMetrics();
  // Connects in the background: the apiserver serves whatever the engine's state (LogQuery answers 503 meanwhile).
  const search = searchFromEnv({ pipeline: 'search', registry: metrics.registry, logger });
  const app = await NestFactory.create<NestExpressApplication>(
    ApiserverModule.forRoot({
      store,
      authenticator,
      logger,
      maxRequestBodyBytes: config.maxRequestBodyBytes,
      minRequestTimeoutSeconds: config.minRequestTimeoutSeconds,
      eventTtlSeconds: config.eventTtlSeconds,
      serviceAllocator,
      serverAddress: `${config.bindAddress}:${config.securePort}`,
      nodeAgents: { caPem: pki.caCertPem, token: kubeletClientToken },
      metrics,
      logSearch: logSearchBackend(search),
    }),
    { httpsOptions: { key: pki.keyPem, cert: pki.certPem }, bodyParser: false, logger: new NestPinoLogger(logger) },
  );
  app.disable('x-powered-by');
  await ensureSystemNamespaces(app.get(ResourceRegistry));
  await ensureKubernetesService(
    app.get(ResourceRegistry),
    { ips: config.serviceClusterIPRange, securePort: config.securePort, advertiseAddress: config.advertiseAddress },
    logger,
  );
  const server = app.getHttpServer();
  serveApiDirectly(server, app.get(ApiRequestHandler), authenticator);
  // exec, attach and port-forward arrive as HTTP upgrades, which never reach Nest's routing.
  const streams = app.get(PodStreamProxy);
  server.on(
    'upgrade',
    (req: IncomingMessage, socket: Duplex, head: Buffer) => void streams.handleUpgrade(req, socket, head),
  );
  // Idle keep-alive connections live longer than clients keep idle sockets (libs/client: 60 s),
  // so a client never reuses a socket the server is closing (Node's default is 5 s).
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  await app.listen(config.securePort, config.bindAddress);
  logger.info(
    { address: `https://${config.bindAddress}:${config.securePort}`, dataDir: config.dataDir },
    'apiserver listening',
  );

  // Closing the store first ends every watch stream, so the HTTP server can then close promptly.
  exitOnSignals(logger, async () => {
    await store.close();
    await app.close();
    await search?.sink.close();
  });
}

runMain(logger, 'apiserver', main);
