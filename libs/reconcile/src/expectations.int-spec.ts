import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import type { KubeObject, ResourceType } from '#api';
import { useTestRedis } from '#testing';
import { Expectations } from './expectations.js';
import { FakeInformer } from './testing/fake-informer.js';

const podType = { kind: 'Pod', resource: 'pods' } as ResourceType;

describe('Expectations', () => {
  const t = useTestRedis();

  test('a key without expectations runs at once', async () => {
    const expectations = new Expectations(t.connection, { name: 'rs-none', timeoutMs: 50 });
    const pods = new FakeInformer<KubeObject>(podType);
    assert.equal(await expectations.awaitCaughtUp('default/web', [pods]), true);
  });

  test('another process waits until its informer has seen the writes', async () => {
    // Two Expectations on two connections stand for processes A and B.
    const other = new Redis({ path: t.redis.socketPath });
    try {
      const onA = new Expectations(t.connection, { name: 'rs-wait', timeoutMs: 20_000 });
      const onB = new Expectations(other, { name: 'rs-wait', timeoutMs: 20_000 });
      await onA.expect('default/web', '1042');
      const pods = new FakeInformer<KubeObject>(podType);
      pods.setResourceVersion('1039');
      let settled = false;
      const caughtUp = onB.awaitCaughtUp('default/web', [pods]).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(settled, false, 'still waiting at 1039');
      pods.setResourceVersion('1042');
      assert.equal(await caughtUp, true);
    } finally {
      other.disconnect();
    }
  });

  test('times out (the caller requeues) when an informer lags too long', async () => {
    const expectations = new Expectations(t.connection, { name: 'rs-lag', timeoutMs: 200 });
    await expectations.expect('default/web', '500');
    const pods = new FakeInformer<KubeObject>(podType);
    const replicaSets = new FakeInformer<KubeObject>(podType);
    pods.setResourceVersion('600');
    replicaSets.setResourceVersion('499');
    assert.equal(await expectations.awaitCaughtUp('default/web', [pods, replicaSets]), false);
  });

  test('keeps the highest resourceVersion, compared as numbers', async () => {
    const expectations = new Expectations(t.connection, { name: 'rs-max' });
    await expectations.expect('default/web', '99');
    await expectations.expect('default/web', '100');
    await expectations.expect('default/web', '998');
    assert.equal(await expectations.expected('default/web'), '998');
    await expectations.expect('default/web', '12345678901234567890');
    await expectations.expect('default/web', '12345678901234567889');
    assert.equal(await expectations.expected('default/web'), '12345678901234567890');
    assert.ok((await t.connection.pttl('{kubenest}:expectations:rs-max:default/web')) > 0, 'expires');
  });
});
