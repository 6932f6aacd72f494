import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket as NetSocket } from 'node:net';
import { startTestApiserver, type TestApiserver } from '#testing';
import { StreamClient } from '../../apps/gateway/src/testing/stream-client.js';
import { startTestGateway, type TestGateway } from '../../apps/gateway/src/testing/test-gateway.js';

/** The TCP socket under a socket.io-client websocket: pausing it makes the client stop reading. */
function tcpSocketOf(client: StreamClient): NetSocket {
  const transport = client.socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } };
  return transport.ws._socket;
}

describe('gateway: a client that stops reading', () => {
  let api: TestApiserver;
  let gateway: TestGateway;

  before(async () => {
    api = await startTestApiserver();
    // A small buffer so that the test fills it quickly; 100 KiB ConfigMaps fill the kernel's socket buffers first.
    gateway = await startTestGateway(api.kubeconfigPath, { KUBENEST_GATEWAY_CLIENT_BUFFER_BYTES: '1Mi' });
  });
  after(async () => {
    await gateway?.stop();
    await api?.stop();
  });

  it('gets resync Overflow and bounded memory, while a fast client on the same stream keeps receiving every change', async () => {
    const fast = await StreamClient.connect(gateway.url, api.token);
    const slow = await StreamClient.connect(gateway.url, api.token);
    try {
      for (const client of [fast, slow]) {
        const ack = await client.request<{ ok: boolean }>('watch', {
          id: 'cms',
          resource: 'configmaps',
          namespace: 'default',
        });
        assert.equal(ack.ok, true);
        await client.until('sync', () => client.about('cms', 'sync').length === 1);
      }
      tcpSocketOf(slow).pause();

      const big = 'x'.repeat(100 * 1024);
      const changes = 120; // 12 MB: more than the kernel buffers plus the 1 MiB limit
      let peakBuffered = 0;
      for (let i = 0; i < changes; i++) {
        const reply = await api.request({
          method: 'POST',
          path: '/api/v1/namespaces/default/configmaps',
          body: JSON.stringify({ metadata: { name: `big-${i}` }, data: { big } }),
          headers: { 'Content-Type': 'application/json' },
        });
        assert.equal(reply.status, 201, reply.body);
        // The fast client keeps up with each change before the next one is made: the slow one holds nobody back.
        await fast.until(`change ${i} at the fast client`, () =>
          fast
            .about('cms', 'changes')
            .some((r) =>
              (r.payload['events'] as { object: { metadata: { name: string } } }[]).some(
                (e) => e.object.metadata.name === `big-${i}`,
              ),
            ),
        );
        if (i % 10 === 9) {
          const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
          peakBuffered = Math.max(
            peakBuffered,
            Number(/^kubenest_gateway_client_buffer_bytes (\d+)/m.exec(metrics)?.[1]),
          );
        }
      }
      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
      assert.match(metrics, /kubenest_gateway_resyncs_total\{reason="Overflow"\} 1\b/);
      assert.match(metrics, /kubenest_gateway_dropped_messages_total [1-9]/);
      // What the gateway holds for the stalled client stays near its limit (1 MiB queued plus one batch in the socket).
      assert.ok(peakBuffered < 3 * 1024 * 1024, `peak buffered ${peakBuffered} bytes`);
      assert.equal(fast.about('cms', 'resync').length, 0);

      // Reading again, the slow client gets resync Overflow, then a fresh sync with everything.
      tcpSocketOf(slow).resume();
      await slow.until('the sync after the overflow', () => slow.about('cms', 'sync').length === 2, 60_000);
      const resyncs = slow.about('cms', 'resync');
      assert.deepEqual(
        resyncs.map((r) => r.payload['reason']),
        ['Overflow'],
      );
      const [, latest] = slow.about('cms', 'sync');
      assert.equal((latest.payload['items'] as unknown[]).length, changes);
    } finally {
      fast.close();
      slow.close();
    }
  });
});
