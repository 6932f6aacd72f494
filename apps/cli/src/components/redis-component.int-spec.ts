import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { Supervisor } from '../supervisor/supervisor.js';
import { redisComponent } from './redis-component.js';

// The Redis half of `kubenest up`: the cluster's state must survive a stop and a start.
describe('redis component of kubenest up', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kubenest-up-redis-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  async function withRedis(use: (client: Redis) => Promise<void>): Promise<void> {
    const redis = redisComponent(dataDir);
    const supervisor = new Supervisor({ logDir: join(dataDir, 'logs'), report: () => {} });
    await supervisor.start(redis.spec);
    const client = new Redis({ path: redis.socketPath, lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      await use(client);
    } finally {
      client.disconnect();
      await supervisor.stopAll();
    }
  }

  it('keeps data across stop and start through the AOF, with no TCP port and noeviction', async () => {
    await withRedis(async (client) => {
      assert.equal(await client.config('GET', 'appendonly').then((r) => (r as string[])[1]), 'yes');
      assert.equal(await client.config('GET', 'port').then((r) => (r as string[])[1]), '0');
      assert.equal(await client.config('GET', 'maxmemory-policy').then((r) => (r as string[])[1]), 'noeviction');
      await client.set('/registry/namespaces/default', '{"kind":"Namespace"}');
    });
    assert.ok((await readdir(join(dataDir, 'redis', 'appendonlydir'))).some((f) => f.endsWith('.incr.aof')));

    await withRedis(async (client) => {
      assert.equal(await client.get('/registry/namespaces/default'), '{"kind":"Namespace"}');
    });
  });

  it('refuses to start a second Redis on a data dir whose Redis is still running', async () => {
    await withRedis(async () => {
      const second = new Supervisor({ logDir: join(dataDir, 'logs'), report: () => {} });
      await assert.rejects(
        second.start(redisComponent(dataDir).spec),
        /a redis-server \(pid \d+\) already serves .*redis\.sock/,
      );
      await second.stopAll();
    });
  });
});
