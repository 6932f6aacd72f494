import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redisSocketPath } from './redis-component.js';

describe('redisSocketPath', () => {
  it('puts the socket in the data dir when the path fits a unix socket', () => {
    assert.equal(redisSocketPath('/srv/kubenest'), '/srv/kubenest/redis/redis.sock');
  });

  it('falls back to a stable per-data-dir socket under the temp dir beyond 107 bytes', () => {
    const deep = `/srv/${'d'.repeat(100)}`;
    const path = redisSocketPath(deep);
    assert.ok(path.startsWith(`${tmpdir()}/kubenest-`), path);
    assert.ok(Buffer.byteLength(path) <= 107);
    assert.equal(redisSocketPath(deep), path);
    assert.notEqual(redisSocketPath(`${deep}x`), path);
  });
});
