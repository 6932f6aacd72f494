import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, NestPinoLogger } from '#observability';
import { RedisStore } from '#store';
import { ApiserverModule } from './apiserver.module.js';
import { loadApiserverConfig } from './config/apiserver-config.js';
import { ResourceRegistry } from './registry/resource-registry.js';
import { ensureSystemNamespaces } from './registry/system-namespaces.js';
import { ensureAdminToken, ensurePki, TokenAuthenticator, tokenFilePath } from './security/index.js';

const logger = createLogger('apiserver');

async function main(): Promise<void> {
  const config = loadApiserverConfig();
  logger.level = config.logLevel;
  const pki = await ensurePki(config.dataDir, { extraSans: config.extraSans });
  await ensureAdminToken(config.dataDir);
  const authenticator = new TokenAuthenticator(tokenFilePath(config.dataDir), {
    onReloadError: (err) => logger.error({ err }, 'tokens.csv changed but cannot be read; keeping the previous tokens'),
  });
  const store = await RedisStore.connect(config.redisUrl, {
    logger: logger.child({ module: 'store' }),
    changeStreamMaxLen: config.watchHistory,
  });

  const app = await NestFactory.create<NestExpressApplication>(
    ApiserverModule.forRoot({
      store,
      authenticator,
      logger,
      maxRequestBodyBytes: config.maxRequestBodyBytes,
      minRequestTimeoutSeconds: config.minRequestTimeoutSeconds,
      eventTtlSeconds: config.eventTtlSeconds,
      serverAddress: `${config.bindAddress}:${config.securePort}`,
    }),
    { httpsOptions: { key: pki.keyPem, cert: pki.certPem }, bodyParser: false, logger: new NestPinoLogger(logger) },
  );
  app.disable('x-powered-by');
  await ensureSystemNamespaces(app.get(ResourceRegistry));
  await app.listen(config.securePort, config.bindAddress);
  logger.info(
    { address: `https://${config.bindAddress}:${config.securePort}`, dataDir: config.dataDir },
    'apiserver listening',
  );

  // Closing the store first ends every watch stream, so the HTTP server can then close promptly.
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await store.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  logger.fatal({ err }, (err as Error).message ?? 'apiserver failed to start');
  process.exit(1);
});
