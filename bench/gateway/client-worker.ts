// A process of the gateway benchmark's clients, so that parsing 2 million events does not
// serialise on one event loop: either CLIENTS socket.io clients watching pods through the
// gateway, or (PEER_WATCH=1) one plain HTTP watch of the apiserver. It reports "ready" once
// subscribed, and on "finish" sends back every latency sample (ms from write to arrival).
import { request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '#api';
import { parseWatchStream } from '#client';
import { StreamClient } from '../../apps/gateway/src/testing/stream-client.js';

const SENT_AT = 'bench.kubenest.io/sent-at';
const env = process.env as Record<string, string>;
const samples: number[] = [];
const record = (obj: KubeObject) => {
  const sent = Number(obj.metadata.annotations?.[SENT_AT]);
  if (sent) samples.push(Date.now() - sent);
};
const clients: StreamClient[] = [];

if (env['PEER_WATCH'] === '1') {
  const url = new URL(`${env['API_URL']}/api/v1/namespaces/bench/pods?watch=true&resourceVersion=${env['FROM_RV']}`);
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, { ca: env['API_CA'], headers: { Authorization: `Bearer ${env['TOKEN']}` } }, resolve);
    req.once('error', reject);
    req.end();
  });
  void (async () => {
    for await (const event of parseWatchStream<KubeObject>(response)) record(event.object);
  })().catch(() => undefined);
} else {
  for (let i = 0; i < Number(env['CLIENTS']); i++) {
    const client = await StreamClient.connect(env['GATEWAY_URL'], env['TOKEN']);
    // Only latencies are kept, not StreamClient's full message history.
    client.received.push = () => 0;
    client.socket.on('changes', (payload: { events: { object: KubeObject }[] }) => {
      for (const event of payload.events) record(event.object);
    });
    const ack = await client.request<{ ok: boolean }>('watch', { id: 'pods', resource: 'pods', namespace: 'bench' });
    if (!ack.ok) throw new Error(`watch refused: ${JSON.stringify(ack)}`);
    clients.push(client);
  }
}
process.send!('ready');
process.on('message', (message) => {
  if (message !== 'finish') return;
  for (const client of clients) client.close();
  process.send!({ samples }, () => process.exit(0));
});
