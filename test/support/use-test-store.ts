import { after, before } from 'node:test';
import { RedisStore, type RedisStoreOptions } from '#store';
import { startTestRedis, type TestRedis } from './redis-server.js';

export interface TestStoreFixture {
  readonly redis: TestRedis;
  readonly store: RedisStore;
}

/** Store options for tests: no expiry sweeps running behind the test's back, and no log noise. */
export const testStoreOptions: RedisStoreOptions = { logger: { warn() {}, error() {} }, expirySweepIntervalMs: 0 };

/**
 * For a suite: a private redis-server and a RedisStore on it, started in before() and closed
 * in after(). Read the fields inside tests, once before() has run; `setup` runs after connect.
 */
export function useTestStore(setup?: (store: RedisStore) => Promise<void>): TestStoreFixture {
  const fixture = {} as { redis: TestRedis; store: RedisStore };
  before(async () => {
    fixture.redis = await startTestRedis();
    fixture.store = await RedisStore.connect(fixture.redis.url, testStoreOptions);
    await setup?.(fixture.store);
  });
  after(async () => {
    await fixture.store?.close();
    await fixture.redis?.stop();
  });
  return fixture;
}
