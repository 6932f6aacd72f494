import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { closedLoop, openLoop, type Timing } from '../support/load.js';
import { LatencyRecorder, type LatencySummary } from '../support/stats.js';
import type { Chain } from './certificates.js';
import type { ServerStats } from './server.js';

/** One HTTPS server child per chain. */
export interface TlsServer {
  chain: Chain;
  port: number;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

export async function startServer(chain: Chain): Promise<TlsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kubenest-bench-tls-'));
  writeFileSync(join(dir, 'tls.crt'), chain.certPem);
  writeFileSync(join(dir, 'tls.key'), chain.keyPem, { mode: 0o600 });
  const child: ChildProcess = fork(
    join(import.meta.dirname, 'server.js'),
    [join(dir, 'tls.crt'), join(dir, 'tls.key')],
    { stdio: 'inherit' },
  );
  const [{ port }] = (await once(child, 'message')) as [{ port: number }];
  return {
    chain,
    port,
    async stats() {
      child.send('stats');
      const [stats] = (await once(child, 'message')) as [ServerStats];
      return stats;
    },
    async stop() {
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One full handshake: TCP connect, TLS (Node's defaults: TLS 1.3, X25519), chain and name
 * verified against the CA as kubectl and client-node do; then the socket is closed. No
 * session is offered, and a resumed one would count as an error.
 */
export function handshake(port: number, ca: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost' });
    socket.once('secureConnect', () => {
      const reused = socket.isSessionReused();
      // end(), not destroy(): the server must still read our Finished and complete its side
      // (and send its session tickets, which we never use), as it does for a real client.
      socket.end();
      if (reused) reject(new Error('session resumed'));
      else resolve();
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(error);
    });
  });
}

export interface HandshakeRow {
  chain: string;
  step: string;
  clients: number | string;
  throughput: number;
  latency: LatencySummary;
  errors: string;
  /** CPU (user + system) per completed handshake, µs, over the whole step (warm-up included). */
  serverCpuMicros: number;
  clientCpuMicros: number;
  /** What the TLS layer negotiated, checked once per server. */
  negotiated: string;
}

export type Load =
  { kind: 'closed'; clients: number; timing: Timing } | { kind: 'paced'; rate: number; timing: Timing };

export async function handshakeStep(server: TlsServer, load: Load): Promise<HandshakeRow> {
  const recorder = new LatencyRecorder();
  const ca = server.chain.caPem;
  const op = () => handshake(server.port, ca);
  const negotiated = await describeNegotiated(server.port, ca);
  const serverBefore = await server.stats();
  const clientBefore = process.cpuUsage();
  const result =
    load.kind === 'closed'
      ? await closedLoop(load.clients, load.timing, op, recorder)
      : await openLoop(load.rate, 16, load.timing, op, recorder);
  const client = process.cpuUsage(clientBefore);
  const serverAfter = await server.stats();
  const handshakes = serverAfter.handshakes - serverBefore.handshakes;
  return {
    chain: server.chain.name,
    step: load.kind === 'closed' ? 'closed loop' : `paced ${load.rate}/s (open loop)`,
    clients: load.kind === 'closed' ? load.clients : '-',
    throughput: result.throughput,
    latency: recorder.summary(),
    errors: recorder.describeErrors(),
    serverCpuMicros: (serverAfter.cpuMicros - serverBefore.cpuMicros) / handshakes,
    clientCpuMicros: (client.user + client.system) / handshakes,
    negotiated,
  };
}

async function describeNegotiated(port: number, ca: string): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost' });
  await once(socket, 'secureConnect');
  const cipher = socket.getCipher();
  const ephemeral = socket.getEphemeralKeyInfo() as { name?: string } | null;
  socket.destroy();
  return `${cipher.version} ${cipher.name} ${ephemeral?.name ?? ''}`.trim();
}
