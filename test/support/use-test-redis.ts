import { after, before } from 'node:test';
import { Redis } from 'ioredis';
import { startTestRedis, type TestRedis } from './redis-server.js';

export interface TestRedisFixture {
  readonly redis: TestRedis;
  readonly connection: Redis;
}

/**
 * For a suite: a private redis-server and one connection to it, started in before() and
 * stopped in after(). Read the fields inside tests, once before() has run.
 */
export function useTestRedis(): TestRedisFixture {
  const fixture = {} as { redis: TestRedis; connection: Redis };
  before(async () => {
    fixture.redis = await startTestRedis();
    fixture.connection = new Redis({ path: fixture.redis.socketPath });
  });
  after(async () => {
    fixture.connection?.disconnect();
    await fixture.redis?.stop();
  });
  return fixture;
}
