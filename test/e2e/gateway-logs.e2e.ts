import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { dockerUnavailable, startTestCluster, type TestCluster } from '#testing';
import { StreamClient } from '../../apps/gateway/src/testing/stream-client.js';

// `kubenest up` starts the gateway and writes its URL; the log tail reads a real container's log.
describe('gateway on a whole cluster: dashboard URL and live log tail', { skip: dockerUnavailable }, () => {
  let cluster: TestCluster;
  let url: string;
  let token: string;

  before(async () => {
    cluster = await startTestCluster();
    url = readFileSync(join(cluster.dataDir, 'dashboard.url'), 'utf8').trim();
    token = readFileSync(join(cluster.dataDir, 'tokens.csv'), 'utf8').split('\n')[0].split(',')[0];
  });
  after(async () => {
    await cluster?.stop();
  });

  it('writes <data-dir>/dashboard.url, where the gateway answers', async () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal((await fetch(`${url}readyz`)).status, 200);
  });

  it('tails a pod’s container log: tailLines, batched log lines with timestamps, log-end when it exits', async () => {
    const pod = {
      metadata: { name: 'counter' },
      spec: {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'count',
            image: 'localhost:5000/busybox:1.36',
            command: ['sh', '-c', 'for i in 1 2 3 4 5 6; do echo line-$i; sleep 1; done'],
          },
        ],
      },
    };
    const created = await cluster.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/pods',
      body: JSON.stringify(pod),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(created.status, 201, created.body);
    const client = await StreamClient.connect(url, token);
    try {
      // Until the container has started the apiserver refuses its log (400, as Kubernetes does).
      let ack: { ok: boolean; error?: { code: number; message: string } } = { ok: false };
      for (let attempt = 0; attempt < 120 && !ack.ok; attempt++) {
        ack = await client.request('logs', {
          id: `log-${attempt}`,
          namespace: 'default',
          pod: 'counter',
          tailLines: 2,
        });
        if (!ack.ok) await sleep(500);
      }
      assert.equal(ack.ok, true, JSON.stringify(ack));
      const end = await client.until('log-end', () => client.received.find((r) => r.event === 'log-end'), 60_000);
      const lines = client.received
        .filter((r) => r.event === 'log' && r.payload.id === end.payload.id)
        .flatMap((r) => r.payload['lines'] as { timestamp: string; line: string }[]);
      const texts = lines.map((l) => l.line);
      // tailLines=2 may start anywhere before the end, but then every line follows in order up to line-6.
      assert.equal(texts.at(-1), 'line-6');
      const first = Number(texts[0].replace('line-', ''));
      assert.deepEqual(
        texts,
        Array.from({ length: 7 - first }, (_, i) => `line-${first + i}`),
      );
      assert.ok(texts.length <= 6 && texts.length >= 1);
      for (const line of lines) assert.match(line.timestamp, /^\d{4}-\d{2}-\d{2}T/);
      assert.equal(end.payload['reason'], 'Completed');
    } finally {
      client.close();
    }
  });
});
