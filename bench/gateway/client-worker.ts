// One process of the gateway benchmark's clients, so that their work does not serialise on one
// event loop: either LIGHT LightSocketClients and SOCKET_IO socket.io-client instances, joined
// in interleaved order so both kinds sit alike in the gateway's fan-out and in this event
// loop, or (PEER=1) one plain HTTP watch of the apiserver. It reports "ready" once every
// client is subscribed, and on "finish" sends a WorkerReport.
import { request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { KubeObject } from '#api';
import { parseWatchStream } from '#client';
import { StreamClient } from '../../apps/gateway/src/testing/stream-client.js';
import { LightSocketClient } from './light-socket-client.js';
import { scanSentAt, sentAtOf } from './sent-at.js';
import type { ClientKind, WorkerReport } from './worker-report.js';

const env = process.env as Record<string, string>;
const WATCH = { id: 'pods', resource: 'pods', namespace: 'bench' };
const CHANGES = Buffer.from('42["changes",');
const SYNC = Buffer.from('42["sync",');

const report: Omit<WorkerReport, 'eventLoopDelay' | 'cpuSeconds'> = { samples: {}, clients: [], problems: [] };
const closers: (() => void)[] = [];
let finishing = false;

/** A new client's counter: records the latency of each stamped event that arrived at `arrivedAt`. */
function counter(kind: ClientKind): (sentAt: number | undefined, arrivedAt: number) => void {
  const samples = (report.samples[kind] ??= []);
  const client = { kind, received: 0 };
  report.clients.push(client);
  return (sentAt, arrivedAt) => {
    if (sentAt === undefined) return;
    samples.push(arrivedAt - sentAt);
    client.received++;
  };
}

const problem = (what: string) => {
  if (!finishing) report.problems.push(what.slice(0, 200));
};

const startsWith = (packet: Buffer, prefix: Buffer) => packet.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;

async function startLight(): Promise<void> {
  const count = counter('light');
  const onEvent = (packet: Buffer) => {
    const arrivedAt = Date.now();
    if (startsWith(packet, CHANGES)) scanSentAt(packet, (sentAt) => count(sentAt, arrivedAt));
    else if (!startsWith(packet, SYNC)) problem(packet.toString('utf8', 0, 200));
  };
  const client = await LightSocketClient.connect(env['GATEWAY_URL'], { token: env['TOKEN'] }, onEvent, problem);
  closers.push(() => client.close());
  const ack = await client.request<{ ok: boolean }>('watch', WATCH);
  if (!ack.ok) throw new Error(`watch refused: ${JSON.stringify(ack)}`);
}

async function startSocketIo(): Promise<void> {
  const count = counter('socket.io');
  const client = await StreamClient.connect(env['GATEWAY_URL'], env['TOKEN']);
  closers.push(() => client.close());
  // Only the counts and latencies are kept, not StreamClient's message history.
  client.received.push = () => 0;
  client.socket.onAny((event: string, payload: unknown) => {
    const arrivedAt = Date.now();
    if (event === 'changes')
      for (const change of (payload as { events: { object: KubeObject }[] }).events)
        count(sentAtOf(change.object), arrivedAt);
    else if (event !== 'sync') problem(`${event} ${JSON.stringify(payload)}`);
  });
  client.socket.on('disconnect', (reason) => problem(`disconnect ${reason}`));
  const ack = await client.request<{ ok: boolean }>('watch', WATCH);
  if (!ack.ok) throw new Error(`watch refused: ${JSON.stringify(ack)}`);
}

async function startPeer(): Promise<void> {
  const count = counter('watch');
  const url = new URL(`${env['API_URL']}/api/v1/namespaces/bench/pods?watch=true&resourceVersion=${env['FROM_RV']}`);
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, { ca: env['API_CA'], headers: { Authorization: `Bearer ${env['TOKEN']}` } }, resolve);
    req.once('error', reject);
    req.end();
  });
  closers.push(() => response.destroy());
  void (async () => {
    for await (const event of parseWatchStream<KubeObject>(response)) count(sentAtOf(event.object), Date.now());
    problem('watch ended');
  })().catch((error: Error) => problem(`watch failed: ${error.message}`));
}

/** The join order: socket.io-client instances spread evenly among the light clients. */
function joinOrder(light: number, socketIo: number): (() => Promise<void>)[] {
  const total = light + socketIo;
  return Array.from({ length: total }, (_, i) =>
    Math.floor(((i + 1) * socketIo) / total) > Math.floor((i * socketIo) / total) ? startSocketIo : startLight,
  );
}

if (env['PEER'] === '1') await startPeer();
else {
  // Joined in small waves: fast, without hundreds of simultaneous handshakes.
  const order = joinOrder(Number(env['LIGHT']), Number(env['SOCKET_IO']));
  for (let i = 0; i < order.length; i += 25) await Promise.all(order.slice(i, i + 25).map((start) => start()));
}

const eventLoopDelay = monitorEventLoopDelay({ resolution: 10 });
let cpuAtStart = process.cpuUsage();
let window: Pick<WorkerReport, 'eventLoopDelay' | 'cpuSeconds'> | undefined;
process.send!('ready');
// "start" and "stop" bound the measured window (the pod creations); "finish" comes once the last events had time to arrive.
process.on('message', (message) => {
  if (message === 'start') {
    eventLoopDelay.enable();
    cpuAtStart = process.cpuUsage();
  } else if (message === 'stop') {
    eventLoopDelay.disable();
    const cpu = process.cpuUsage(cpuAtStart);
    window = {
      eventLoopDelay: { p99: eventLoopDelay.percentile(99) / 1e6, max: eventLoopDelay.max / 1e6 },
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
  } else if (message === 'finish') {
    finishing = true;
    for (const close of closers) close();
    process.send!({ ...report, ...window! } satisfies WorkerReport, () => process.exit(0));
  }
});
