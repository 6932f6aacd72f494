// `npm run bench -- service-proxy [--quick]`: wrk against a NodePort Service on 127.0.0.1 in
// front of 5 microservice pods, and against nginx configured as a round-robin proxy to the
// same 5 pods, in the same run, for each proxy mode of the node agent (iptables, userspace).
// Writes the `## service-proxy` section of docs/benchmarks.md.
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Endpoints, KubeObject, Pod, Service } from '#api';
import type { ApiClient } from '#client';
import { freePort, startTestCluster, type TestCluster } from '#testing';
import { ROOT, writeBenchmarkSection } from '../support/docs-section.js';
import { adminClient, resourceType, smallPod } from '../support/hollow.js';
import { describeMachine } from '../support/machine.js';
import { ms, rate, renderTable } from '../support/table.js';
import { startNginx } from './nginx-peer.js';
import { measureEndpointRemoval, writeEndpoints, type Backend } from './endpoint-removal.js';
import { runWrk, type WrkResult } from './wrk.js';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 3 : 10;
const ROUNDS = quick ? 1 : 3;
const REMOVALS = quick ? 3 : 10;
const CONNECTIONS = 8;
const BACKENDS = 5;
const MODES = ['iptables', 'userspace'] as const;

interface Row {
  mode: string;
  kubenest: WrkResult[];
  nginx: WrkResult[];
  /** ms from an Endpoints write dropping a backend to its last connection. */
  removal: number[];
}

const setup = (await import(join(ROOT, 'bin/setup.js'))) as { ensureServiceBenchTools(): void };
setup.ensureServiceBenchTools();

const rows: Row[] = [];
const notes: string[] = [];
for (const mode of MODES) {
  let cluster: TestCluster | undefined;
  let client: ApiClient | undefined;
  try {
    cluster = await startTestCluster({ KUBENEST_PROXY_MODE: mode });
    client = adminClient(cluster.kubeconfigPath);
    const backends = await startBackends(client);
    const nodePort = await exposeNodePort(client, backends);
    await waitForAnswer(nodePort);
    const nginxPort = await freePort();
    const nginx = await startNginx(
      nginxPort,
      backends.map((b) => `${b.ip}:3000`),
    );
    try {
      await waitForAnswer(nginxPort);
      const row: Row = { mode, kubenest: [], nginx: [], removal: [] };
      // Warm-up, then alternating rounds so both see the same machine state.
      runWrk(`http://127.0.0.1:${nodePort}/`, 2, CONNECTIONS);
      runWrk(`http://127.0.0.1:${nginxPort}/`, 2, CONNECTIONS);
      for (let round = 0; round < ROUNDS; round++) {
        row.kubenest.push(runWrk(`http://127.0.0.1:${nodePort}/`, SECONDS, CONNECTIONS));
        row.nginx.push(runWrk(`http://127.0.0.1:${nginxPort}/`, SECONDS, CONNECTIONS));
        console.error(`bench service-proxy: ${mode} round ${round + 1}: ${summary(row, round)}`);
      }
      row.removal = await measureEndpointRemoval(client, nodePort, backends, REMOVALS);
      console.error(`bench service-proxy: ${mode} endpoint removal: ${row.removal.map(ms).join(', ')} ms`);
      rows.push(row);
    } finally {
      await nginx.stop();
    }
  } catch (error) {
    notes.push(`${mode}: stopped early: ${(error as Error).message}`);
    console.error(`bench service-proxy: ${(error as Error).stack ?? error}`);
    process.exitCode = 1;
  } finally {
    client?.close();
    await cluster?.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const table = renderTable(
  ['proxy', 'kubenest req/s', 'nginx req/s', 'ratio', 'kubenest p99 ms', 'nginx p99 ms', 'added p99 ms', 'errors'],
  rows.map((row) => {
    const k = median(row.kubenest.map((r) => r.requestsPerSecond));
    const n = median(row.nginx.map((r) => r.requestsPerSecond));
    const kp99 = median(row.kubenest.map((r) => r.p99Ms));
    const np99 = median(row.nginx.map((r) => r.p99Ms));
    const errors = [...row.kubenest, ...row.nginx].reduce((sum, r) => sum + r.errors, 0);
    return [row.mode, rate(k), rate(n), `${((k / n) * 100).toFixed(0)} %`, ms(kp99), ms(np99), ms(kp99 - np99), errors];
  }),
);
const verdicts = rows.map((row) => {
  const ratio =
    median(row.kubenest.map((r) => r.requestsPerSecond)) / median(row.nginx.map((r) => r.requestsPerSecond));
  const added = median(row.kubenest.map((r) => r.p99Ms)) - median(row.nginx.map((r) => r.p99Ms));
  const met = ratio >= 0.8 && added <= 1;
  return `- ${row.mode}: ${met ? '**meets**' : '**misses**'} the goal (${(ratio * 100).toFixed(0)} % of nginx's rate, ${ms(added)} ms added p99).`;
});
const removalTable = renderTable(
  ['proxy', 'removals', 'median ms', 'max ms'],
  rows.map((row) => [row.mode, row.removal.length, ms(median(row.removal)), ms(Math.max(...row.removal))]),
);
console.log(table);
console.log(removalTable);
await writeBenchmarkSection(
  'service-proxy',
  [
    `wrk (\`-t2 -c${CONNECTIONS} -d${SECONDS}s\`, ${ROUNDS} alternating round(s), medians) against a NodePort`,
    `Service on 127.0.0.1 in front of ${BACKENDS} \`microservice:1.0\` pods, and against nginx (nginx-light,`,
    '`worker_processes auto`, upstream with the 5 pod IPs and `keepalive 32`) proxying round robin to the',
    'same pods, in the same run; one `kubenest up` cluster per proxy mode (`KUBENEST_PROXY_MODE`). The',
    'microservice answers `Connection: close`, so every request is a new connection for both. The',
    "goal is at least 80 % of nginx's requests/s with at most 1 ms added p99. The machine is shared",
    'with other work while it runs, so compare the two columns of a row, not rows across runs.',
    '',
    table,
    '',
    ...verdicts,
    '',
    `An endpoint leaving the rotation: ${REMOVALS} times, an Endpoints write drops one backend; the time`,
    'from its response until the node port answers only from the others (the watch event, the',
    'rule rewrite, and the first connection that no longer reaches the dropped pod):',
    '',
    removalTable,
    '',
    ...notes.map((note) => `- ${note}`),
  ].join('\n'),
  describeMachine(),
);

function summary(row: Row, round: number): string {
  const [k, n] = [row.kubenest[round], row.nginx[round]];
  return `kubenest ${rate(k.requestsPerSecond)} req/s p99 ${ms(k.p99Ms)} ms; nginx ${rate(n.requestsPerSecond)} req/s p99 ${ms(n.p99Ms)} ms`;
}

/** Five microservice pods; resolves with their names and IPs once all are Running and ready. */
async function startBackends(c: ApiClient): Promise<Backend[]> {
  const pods = resourceType('pods');
  for (let i = 0; i < BACKENDS; i++) {
    const pod = smallPod('default', `backend-${i}`, { app: 'backend' });
    pod.spec!.containers[0].ports = [{ containerPort: 3000, name: 'http' }];
    await c.create(pods, pod);
  }
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const list = await c.list<Pod>(pods, { namespace: 'default', labelSelector: 'app=backend' });
    const ready = list.items.filter((p) =>
      p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'),
    );
    if (ready.length === BACKENDS) return ready.map((p) => ({ name: p.metadata.name!, ip: p.status!.podIP! }));
    await sleep(500);
  }
  throw new Error(`${BACKENDS} backend pods were not ready within 180 s`);
}

/** A NodePort Service without selector and its Endpoints (the node half alone); resolves with the allocated node port. */
async function exposeNodePort(c: ApiClient, backends: Backend[]): Promise<number> {
  const service = await c.create(resourceType('services'), {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'backend', namespace: 'default' },
    spec: { type: 'NodePort', ports: [{ name: 'http', port: 3000, targetPort: 3000 }] },
  } as Service as KubeObject);
  await c.create(resourceType('endpoints'), {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'backend', namespace: 'default' },
  } as Endpoints as KubeObject);
  await writeEndpoints(c, backends);
  return (service as Service).spec!.ports![0].nodePort!;
}

async function waitForAnswer(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`nothing answered on 127.0.0.1:${port} within 30 s`);
}
