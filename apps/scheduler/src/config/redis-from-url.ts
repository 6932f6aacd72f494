import { Redis } from 'ioredis';

/**
 * A RESP2 connection from redis://, rediss:// or unix:///path URLs. libs/store's connectRedis
 * (which also checks noeviction) is not exported from #store yet; switch to it once it is.
 */
export function redisFromUrl(url: string): Redis {
  if (url.startsWith('unix://')) return new Redis({ path: decodeURIComponent(new URL(url).pathname), protocol: 2 });
  if (/^rediss?:\/\//i.test(url)) return new Redis(url, { protocol: 2 });
  throw new Error(`unsupported REDIS_URL: use redis://, rediss:// or unix://`);
}
