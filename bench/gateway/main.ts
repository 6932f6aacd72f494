// `npm run bench -- gateway [--quick] [--profile]`: 1,000 socket.io clients subscribed to pods
// through one gateway while pods are created at 100/s; delivery latency (write accepted -> event
// at the client) p50/p99 and whether every client got every event, the CPU and event-loop delay
// of each process, and in the same run the latency of a plain HTTP watch of the apiserver (what
// `kubectl get pods -w` opens). --profile runs the gateway under `node --cpu-prof` and adds
// where its CPU went. Writes `## gateway`.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pod } from '#api';
import { startTestApiserver, type TestApiserver } from '#testing';
import { GATEWAY_DEFAULTS } from '../../apps/gateway/src/config/gateway-config.js';
import { startTestGateway, type TestGateway } from '../../apps/gateway/src/testing/test-gateway.js';
import { summariseCpuProfile } from '../support/cpu-profile.js';
import { writeBenchmarkSection } from '../support/docs-section.js';
import { adminClient, createNamespace, resourceType, smallPod } from '../support/hollow.js';
import { describeMachine } from '../support/machine.js';
import { machineLoadSince, processUsage, type MachineLoad } from '../support/process-usage.js';
import { LatencyRecorder } from '../support/stats.js';
import { latencyCells, ms, renderTable } from '../support/table.js';
import { startClientProcess, type ClientProcess } from './client-process.js';
import { SENT_AT } from './sent-at.js';
import { serverWindow, type ServerWindow } from './server-window.js';
import type { ClientKind, WorkerReport } from './worker-report.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const profile = argv.includes('--profile');
const CLIENTS = quick ? 100 : 1000;
/** Of CLIENTS, this many are socket.io-client instances; the rest are LightSocketClients. */
const SOCKET_IO_CLIENTS = quick ? 10 : 50;
const CLIENT_PROCESSES = 2;
const RATE = 100;
const SECONDS = quick ? 5 : 20;
const EXPECTED = RATE * SECONDS;
/** The gateway's batch interval: its default unless this run's environment sets one. */
const BATCH_INTERVAL_MS = Number(process.env['KUBENEST_GATEWAY_BATCH_INTERVAL_MS'] ?? GATEWAY_DEFAULTS.batchIntervalMs);
/** After the last create, how long the last events have to arrive. */
const DRAIN_MS = quick ? 2000 : 5000;

interface Measured {
  reports: (WorkerReport & { peer: boolean })[];
  elapsedS: number;
  machine: MachineLoad;
  gateway: ServerWindow;
  apiserver: ServerWindow;
  gatewayPeakRssMiB: number;
  /** This process: it creates the pods. */
  driverCpuSeconds: number;
}

/** Connects the clients and the peer, creates pods at RATE, and gathers every process's figures. */
async function measure(api: TestApiserver, gateway: TestGateway): Promise<Measured> {
  const client = adminClient(api.kubeconfigPath);
  const pods = resourceType('pods');
  const processes: ClientProcess[] = [];
  try {
    await createNamespace(client, 'bench');
    console.error(
      `bench gateway: connecting ${CLIENTS} clients (${SOCKET_IO_CLIENTS} of them socket.io-client) in ${CLIENT_PROCESSES} processes`,
    );
    const share = (n: number, i: number) =>
      String(Math.floor(n / CLIENT_PROCESSES) + (i < n % CLIENT_PROCESSES ? 1 : 0));
    for (let i = 0; i < CLIENT_PROCESSES; i++)
      processes.push(
        startClientProcess({
          GATEWAY_URL: gateway.url,
          TOKEN: api.token,
          LIGHT: share(CLIENTS - SOCKET_IO_CLIENTS, i),
          SOCKET_IO: share(SOCKET_IO_CLIENTS, i),
        }),
      );
    // The peer: one plain HTTP watch of the apiserver, as kubectl get pods -w holds it, in its own process.
    const list = await client.list(pods, { namespace: 'bench' });
    processes.push(
      startClientProcess({
        PEER: '1',
        API_URL: api.url,
        API_CA: api.caPem,
        TOKEN: api.token,
        FROM_RV: list.metadata.resourceVersion ?? '0',
      }),
    );
    await Promise.all(processes.map((p) => p.ready));
    await sleep(1000);

    console.error(`bench gateway: creating ${RATE} pods/s for ${SECONDS} s`);
    const gatewayWindow = await serverWindow(async () => (await fetch(`${gateway.url}/metrics`)).text());
    const apiserverWindow = await serverWindow(async () => (await api.request({ path: '/metrics' })).body);
    const machine = machineLoadSince();
    for (const p of processes) p.send('start');
    const driverCpu = process.cpuUsage();
    const started = performance.now();
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < EXPECTED; i++) {
      const wait = started + (i * 1000) / RATE - performance.now();
      if (wait > 0) await sleep(wait);
      const pod = smallPod('bench', `p-${i}`) as Pod;
      pod.metadata.annotations = { [SENT_AT]: String(Date.now()) };
      writes.push(client.create(pods, pod));
    }
    await Promise.all(writes);
    const elapsedS = (performance.now() - started) / 1000;
    for (const p of processes) p.send('stop');
    const { user, system } = process.cpuUsage(driverCpu);
    const measured = {
      elapsedS,
      driverCpuSeconds: (user + system) / 1e6,
      machine: machine(),
      gateway: await gatewayWindow(),
      apiserver: await apiserverWindow(),
      gatewayPeakRssMiB: processUsage(gateway.pid)?.peakRssMiB ?? Number.NaN,
    };
    await sleep(DRAIN_MS);
    return { ...measured, reports: await Promise.all(processes.map((p) => p.finish())) };
  } finally {
    for (const p of processes) p.kill();
    client.close();
  }
}

function latencyRow(reports: WorkerReport[], label: string, kinds: ClientKind[]) {
  const recorder = new LatencyRecorder();
  const clients = reports.flatMap((r) => r.clients).filter((c) => kinds.includes(c.kind));
  for (const report of reports)
    for (const kind of kinds) for (const v of report.samples[kind] ?? []) recorder.record(v);
  const complete = clients.filter((c) => c.received === EXPECTED).length;
  return [label, `${complete} of ${clients.length}`, ...latencyCells(recorder.summary())];
}

function render(m: Measured): { latency: string; processes: string; summary: string } {
  const gatewayClients = m.reports.filter((r) => !r.peer);
  const peer = m.reports.filter((r) => r.peer);
  const latency = renderTable(
    ['clients', `with exactly ${EXPECTED} events`, 'events received', 'p50 ms', 'p99 ms', 'max ms'],
    [
      latencyRow(gatewayClients, 'all gateway clients', ['light', 'socket.io']),
      latencyRow(gatewayClients, 'light protocol clients (ws)', ['light']),
      latencyRow(gatewayClients, 'socket.io-client instances', ['socket.io']),
      latencyRow(peer, 'apiserver HTTP watch (kubectl -w)', ['watch']),
    ],
  );
  const cpu = (seconds: number) => ((seconds / m.elapsedS) * 100).toFixed(0);
  const serverRow = (label: string, w: ServerWindow) => [
    label,
    cpu(w.cpuSeconds),
    ms(w.eventLoopDelay.p99),
    ms(w.eventLoopDelay.max),
    w.gcSeconds.toFixed(2),
  ];
  const clientRow = (label: string, of: WorkerReport[]) => [
    label,
    cpu(of.reduce((sum, r) => sum + r.cpuSeconds, 0)),
    ms(Math.max(...of.map((r) => r.eventLoopDelay.p99))),
    ms(Math.max(...of.map((r) => r.eventLoopDelay.max))),
    '-',
  ];
  const processes = renderTable(
    ['process', 'CPU (% of one core)', 'event-loop delay p99 ms', 'max ms', 'GC s'],
    [
      serverRow('gateway', m.gateway),
      serverRow('apiserver', m.apiserver),
      clientRow(`gateway clients (${CLIENT_PROCESSES} processes)`, gatewayClients),
      clientRow('HTTP watch (1 process)', peer),
      ['benchmark driver (creates the pods)', cpu(m.driverCpuSeconds), '-', '-', '-'],
    ],
  );
  const missing = gatewayClients
    .flatMap((r) => r.clients)
    .reduce((sum, c) => sum + Math.max(0, EXPECTED - c.received), 0);
  const { fanouts } = m.gateway;
  const summary = renderTable(
    [
      'events missing',
      'resyncs, errors, disconnects',
      'gateway fan-outs',
      'mean fan-out ms',
      'gateway peak RSS MiB',
      'machine busy %',
      'load 1m',
    ],
    [
      [
        missing,
        m.reports.reduce((sum, r) => sum + r.problems.length, 0),
        fanouts.count,
        ms((fanouts.seconds / fanouts.count) * 1000),
        m.gatewayPeakRssMiB.toFixed(0),
        m.machine.busyPercent.toFixed(0),
        m.machine.loadAverage1m.toFixed(2),
      ],
    ],
  );
  return { latency, processes, summary };
}

function describe(tables: ReturnType<typeof render>, profileTable: string | undefined): string {
  return [
    `\`npm run bench -- gateway${profile ? ' --profile' : ''}\` (${new Date().toISOString().slice(0, 10)}): ${CLIENTS} socket.io clients (websocket transport) each subscribed to pods in one namespace through one gateway, while pods are created at ${RATE}/s for ${SECONDS} s through the API; every client should receive all ${EXPECTED} events. Latency: from just before the create request to the event's arrival at the client (both clocks are this machine's). The peer in the same run: one plain HTTP watch of the apiserver, what \`kubectl get pods -w\` holds. Goal: p99 <= 100 ms at 1,000 clients.`,
    '',
    tables.latency,
    '',
    tables.processes,
    '',
    tables.summary,
    '',
    `How the clients are built. Decoding every event in every client (${CLIENTS} copies of each pod through JSON.parse) would make the clients, not the gateway, the main user of the same 2 cores, and the latency would mostly measure them. So ${CLIENTS - SOCKET_IO_CLIENTS} clients are light: a WebSocket (\`ws\`) speaking the socket.io protocol as socket.io-client does (engine.io v4 handshake and ping/pong, the namespace CONNECT with the bearer token in \`auth\`, \`watch\` with its acknowledgement), which finds each event's sent-at annotation in the \`changes\` packet by a byte search instead of parsing it (bench/gateway/light-socket-client.ts, sent-at.ts). ${SOCKET_IO_CLIENTS} are real socket.io-client instances that decode every event; they share the ${CLIENT_PROCESSES} client processes with the light ones and join interleaved with them, so both kinds sit alike in the gateway's fan-out order and in the client event loops, and their row shows whether the light clients measure the same thing. Every client counts its own events: "with exactly ${EXPECTED} events" means none missing or duplicated, and "events missing" sums the shortfall of every client.`,
    '',
    `Per process, over the creation window: client processes and the peer record their event-loop delay with perf_hooks; the gateway's and apiserver's come from their /metrics (prom-client's defaults: a perf_hooks histogram at 10 ms resolution, reset at each scrape), as do their CPU and GC seconds; fan-outs and their mean duration from the gateway's \`kubenest_gateway_fanout_seconds\` (the time to hand one batch to every socket of the group, written to each as the same WebSocket frame). The gateway sends a subscription's changes at most every ${BATCH_INTERVAL_MS} ms (KUBENEST_GATEWAY_BATCH_INTERVAL_MS${BATCH_INTERVAL_MS === GATEWAY_DEFAULTS.batchIntervalMs ? ', its default' : ''}), so a change waits up to that long by design, and the last socket of a fan-out gets it a fan-out's duration after the first. The clients, driver, apiserver, Redis and gateway all share this machine's 2 cores, with whatever else runs on it (machine busy % counts everything).`,
    ...(profileTable
      ? [
          '',
          'Where the gateway spent its CPU (`--profile`: `node --cpu-prof`, self time over its whole life):',
          '',
          profileTable,
        ]
      : []),
  ].join('\n');
}

/** The gateway's hottest functions from its `--cpu-prof` profile. */
function profileSummary(dir: string): string {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  const functions = file ? summariseCpuProfile(join(dir, file), 12).functions : [];
  return renderTable(
    ['gateway function (self time)', '% of samples'],
    functions.map((f) => [f.name, f.selfPercent.toFixed(1)]),
  );
}

const profileDir = profile ? mkdtempSync(join(tmpdir(), 'kubenest-gateway-profile-')) : undefined;
const api = await startTestApiserver();
try {
  const gateway = await startTestGateway(
    api.kubeconfigPath,
    { KUBENEST_LOG_LEVEL: 'warn', KUBENEST_GATEWAY_BATCH_INTERVAL_MS: String(BATCH_INTERVAL_MS) },
    profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
  );
  let measured: Measured;
  try {
    measured = await measure(api, gateway);
  } finally {
    // The profile is written when the gateway exits.
    await gateway.stop();
  }
  const tables = render(measured);
  console.log([tables.latency, tables.processes, tables.summary].join('\n'));
  const problems = measured.reports.flatMap((r) => r.problems);
  for (const p of problems.slice(0, 5)) console.error(`bench gateway: client problem: ${p}`);
  const profileTable = profileDir ? profileSummary(profileDir) : undefined;
  if (profileTable) console.log(profileTable);
  if (!quick) {
    await writeBenchmarkSection('gateway', describe(tables, profileTable), describeMachine());
    console.error('bench gateway: wrote the `## gateway` section of docs/benchmarks.md');
  }
} finally {
  await api.stop();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
}
