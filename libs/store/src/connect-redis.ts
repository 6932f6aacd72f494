import { Redis, type RedisOptions } from 'ioredis';
import type { StoreLogger } from './store-logger.js';

/**
 * Opens a connection from redis://host:port, rediss://host:port (TLS) or
 * unix:///path/to/redis.sock, and checks the eviction policy before anything is stored.
 */
export async function connectRedis(url: string, logger: StoreLogger, extra: RedisOptions = {}): Promise<Redis> {
  const redis = createRedis(url, { lazyConnect: true, ...extra });
  try {
    await redis.connect();
    await requireNoEviction(redis, logger);
    return redis;
  } catch (err) {
    redis.disconnect();
    throw err;
  }
}

function createRedis(url: string, options: RedisOptions): Redis {
  // RESP2 keeps stream replies the nested arrays ChangeRecord parses, whatever ioredis' default.
  const common: RedisOptions = { protocol: 2, ...options };
  if (/^rediss?:\/\//i.test(url)) return new Redis(url, common);
  if (url.startsWith('unix://')) {
    const parsed = new URL(url);
    const db = parsed.searchParams.get('db');
    return new Redis({
      ...common,
      path: decodeURIComponent(parsed.pathname),
      ...(db !== null ? { db: Number(db) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    });
  }
  throw new Error(`unsupported Redis URL "${redact(url)}": use redis://, rediss:// or unix://`);
}

/**
 * BullMQ shares this Redis and loses jobs if keys are evicted (bullmq#2215); an evicted
 * object or change stream would silently corrupt the cluster state. Managed Redis often
 * disables CONFIG: then we can only warn.
 */
async function requireNoEviction(redis: Redis, logger: StoreLogger): Promise<void> {
  let reply: unknown;
  try {
    reply = await redis.call('CONFIG', 'GET', 'maxmemory-policy');
  } catch (err) {
    logger.warn({ err }, 'cannot read maxmemory-policy (CONFIG disabled?); Redis must use maxmemory-policy noeviction');
    return;
  }
  const policy = Array.isArray(reply) ? String(reply[1]) : undefined;
  if (policy !== 'noeviction') {
    throw new Error(
      `Redis maxmemory-policy is "${policy}", but kubenest needs "noeviction": evicted keys would lose cluster ` +
        `state and BullMQ jobs. Set "maxmemory-policy noeviction" in redis.conf (or CONFIG SET maxmemory-policy noeviction).`,
    );
  }
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
