// `npm run bench -- tls`: what a full TLS handshake costs against a Node HTTPS server with the
// apiserver's RSA-2048 serving certificate vs an ECDSA P-256 one, and the signature behind it.
// Every connection of @kubernetes/client-node 1.4 and every kubectl invocation pays one.
// Prints tables and regenerates the `## tls` section of docs/benchmarks.md.
import { loadavg } from 'node:os';
import { writeBenchmarkSection } from '../support/docs-section.js';
import { describeMachine, machineLines } from '../support/machine.js';
import { median } from '../support/stats.js';
import { ms, rate, renderTable, latencyCells } from '../support/table.js';
import { makeChains } from './certificates.js';
import { handshakeStep, startServer, type HandshakeRow, type Load } from './handshake.js';
import { tlsSettingsFrom } from './settings.js';
import { signSteps, type SignRow } from './sign.js';

const settings = tlsSettingsFrom(process.argv.slice(2));
// Others' work on a shared machine moves every figure here; the report states how busy it was.
const loadAverageAtStart = loadavg();
const chains = await makeChains();

const signRows = signSteps(
  chains.slice(0, 2).map((chain) => ({ name: chain.name.replace(/ \(.*\)$/, ''), keyPem: chain.keyPem })),
  settings.sign.warmupOps,
  settings.sign.durationMs,
);
const signTable = renderSignRows(signRows);
console.log(signTable);

const loads: Load[] = [
  ...settings.closed.clients.map((clients) => ({ kind: 'closed' as const, clients, timing: settings.closed })),
  { kind: 'paced', rate: settings.paced.rate, timing: settings.paced },
];
const servers = await Promise.all(chains.map(startServer));
const rows: HandshakeRow[] = [];
try {
  // Chains alternate within each load, so that drift on a shared machine hits them alike.
  for (const load of loads) {
    for (const server of servers) {
      const row = await handshakeStep(server, load);
      rows.push(row);
      console.error(
        `bench tls: ${row.chain}, ${row.step}, ${row.clients}: ${rate(row.throughput)}/s p99 ${ms(row.latency.p99)} ms${row.errors ? ` [${row.errors}]` : ''}`,
      );
    }
  }
} finally {
  await Promise.all(servers.map((server) => server.stop()));
}

const handshakeTable = renderHandshakeRows(rows);
console.log(handshakeTable);
const errors = rows.filter((r) => r.errors).map((r) => `- ${r.chain}, ${r.step}, ${r.clients}: ${r.errors}`);
if (errors.length) console.log(`\nErrors:\n${errors.join('\n')}`);
const machine = describeMachine();
await writeBenchmarkSection('tls', section(), machine);
console.error('bench tls: wrote the `## tls` section of docs/benchmarks.md');

function section(): string {
  const sec = (t: { warmupMs: number; durationMs: number }) =>
    `${t.warmupMs / 1000} s warm-up (run, not recorded) + ${t.durationMs / 1000} s measured`;
  const negotiated = [...new Set(rows.map((r) => r.negotiated))].join(', ');
  return [
    `Command: \`npm run bench -- tls${settings.quick ? ' --quick' : ''}\`${settings.quick ? ' — **quick mode: shortened runs, figures are indicative only**' : ''}`,
    '',
    ...machineLines(machine),
    `- Negotiated: ${negotiated} (Node's defaults on both sides)`,
    `- Load average (1, 5, 15 min): ${fmtLoad(loadAverageAtStart)} at start, ${fmtLoad(loadavg())} at the end`,
    '',
    'Method:',
    '',
    "- Certificates: made by the apiserver's own `issueCertificate` with its default SANs, in three chains: RSA-2048 CA + RSA-2048 serving key (the PKI before this change), P-256 CA + P-256 serving key (a new PKI now), RSA-2048 CA + P-256 serving key (a data dir from before, after its serving certificate is reissued).",
    '- Server: one Node `https.createServer` per chain, each in its own child process on 127.0.0.1; the client is this process, on the same machine.',
    "- Handshake: `tls.connect` with the chain's CA and servername `localhost` (chain and name verified as kubectl and client-node do), timed from the call to `secureConnect`, so TCP connect is included; then the socket is closed. No session is offered, so every handshake is full; a resumed session would count as an error.",
    `- Closed loop: each client starts its next handshake when the previous one settles; ${sec(settings.closed)}. Paced: open loop at ${settings.paced.rate}/s, ${sec(settings.paced)}; latency runs from each handshake's due time. The chains take turns within each load.`,
    '- CPU µs per handshake: user + system time of the server process and of the client process over the whole step (warm-up included) divided by the handshakes the server completed.',
    `- Signatures: \`crypto.sign\` / \`crypto.verify\` with SHA-256 over 130 bytes (the size of TLS 1.3's CertificateVerify input) using the serving keys, one call at a time; ${settings.sign.warmupOps} calls of warm-up (not recorded), then ${settings.sign.durationMs / 1000} s measured; ops/s = calls / summed call time.`,
    '- Errors are counted per step and listed, never dropped.',
    '',
    '### Handshakes',
    '',
    handshakeTable,
    '',
    ...(errors.length ? ['### Errors', '', ...errors, ''] : []),
    '### Signatures',
    '',
    signTable,
    '',
    '### Reading',
    '',
    ...reading(),
  ].join('\n');
}

/**
 * Ratios of the figures least moved by other work on the machine: CPU per handshake and per
 * signature. Latencies, on a busy 2-CPU machine, say more about the neighbours.
 */
function reading(): string[] {
  const [rsa, ecdsa] = chains.map((chain) => chain.name);
  const serverCpu = (chain: string) => median(rows.filter((r) => r.chain === chain).map((r) => r.serverCpuMicros));
  const signOps = (key: string) => signRows.find((r) => r.key === key && r.operation === 'sign')?.opsPerSecond ?? NaN;
  const [rsaKey, ecKey] = [...new Set(signRows.map((r) => r.key))];
  return [
    `- Server CPU per full handshake (median over the loads): ${rsa} ${Math.round(serverCpu(rsa))} µs, ${ecdsa} ${Math.round(serverCpu(ecdsa))} µs (${(serverCpu(rsa) / serverCpu(ecdsa)).toFixed(1)}×).`,
    `- Signatures: ${ecKey} signs ${(signOps(ecKey) / signOps(rsaKey)).toFixed(0)}× as fast as ${rsaKey}; it verifies slower, which only the client pays, once per handshake.`,
    '- Latency and handshakes/s move with whatever else runs on the machine (see the load average above); compare them within one run only.',
  ];
}

function fmtLoad(values: number[]): string {
  return values.map((v) => v.toFixed(2)).join(', ');
}

function renderHandshakeRows(list: readonly HandshakeRow[]): string {
  return renderTable(
    [
      'serving chain',
      'load',
      'clients',
      'handshakes/s',
      'samples',
      'p50 ms',
      'p99 ms',
      'max ms',
      'server CPU µs/hs',
      'client CPU µs/hs',
      'errors',
    ],
    list.map((r) => [
      r.chain,
      r.step,
      r.clients,
      rate(r.throughput),
      ...latencyCells(r.latency),
      Math.round(r.serverCpuMicros),
      Math.round(r.clientCpuMicros),
      r.latency.errors,
    ]),
  );
}

function renderSignRows(list: readonly SignRow[]): string {
  return renderTable(
    ['key', 'operation', 'ops/s', 'samples', 'p50 µs', 'p99 µs', 'max µs', 'errors'],
    list.map((r) => [r.key, r.operation, rate(r.opsPerSecond), ...latencyCells(r.micros), r.micros.errors]),
  );
}
