// `npm run bench -- api`: the apiserver as a user's client sees it (creates, gets, lists,
// watch delivery) with the official @kubernetes/client-node, beside the Redis floor.
// Prints a table and regenerates the `## api` section of docs/benchmarks.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBenchCluster, type BenchCluster } from '../support/cluster.js';
import { ROOT, writeBenchmarkSection } from '../support/docs-section.js';
import { describeMachine, machineLines } from '../support/machine.js';
import { coreClient } from './clients.js';
import { createClosedLoop, createPaced, type Context } from './create-steps.js';
import { getSteps, listSteps, readFixtures } from './read-steps.js';
import { readResults } from './reading.js';
import { redisFloor } from './redis-floor.js';
import { renderErrors, renderNotes, renderRows, type Row } from './results.js';
import { settingsFrom, type Settings } from './settings.js';
import { watchStep } from './watch-step.js';

const settings = settingsFrom(process.argv.slice(2));
const clientNodeVersion = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/@kubernetes/client-node/package.json'), 'utf8')) as {
    version: string;
  }
).version;

const cluster = await startBenchCluster();
let stopping: Promise<void> | undefined;
const stop = () => (stopping ??= cluster.stop());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stop().then(() => process.exit(130)));
}

const rows: Row[] = [];
const add = (more: Row | Row[]) => {
  for (const row of [more].flat()) {
    rows.push(row);
    console.error(
      `bench api: ${row.step}, ${row.clients}${typeof row.clients === 'number' ? ' clients' : ''}: ${Number.isFinite(row.latency.p99) ? `p99 ${row.latency.p99.toFixed(2)} ms` : 'no samples'}${row.errors ? ` [${row.errors}]` : ''}`,
    );
  }
};

try {
  console.error(`bench api: cluster started by ${cluster.startedBy}`);
  const ctx: Context = {
    kubeconfigPath: cluster.kubeconfigPath,
    settings,
    admin: await coreClient(cluster.kubeconfigPath, 'keep-alive'),
  };

  add(await createClosedLoop(ctx, 'ConfigMap', 'client-node'));
  add(await createClosedLoop(ctx, 'ConfigMap', 'keep-alive'));
  add(await createClosedLoop(ctx, 'Pod', 'client-node'));
  add(await createPaced(ctx, 'client-node'));
  add(await createPaced(ctx, 'keep-alive'));

  const fixtures = await readFixtures(ctx);
  add(await getSteps(ctx, fixtures, 'client-node'));
  add(await getSteps(ctx, fixtures, 'keep-alive'));
  add(await listSteps(ctx, fixtures, 'client-node'));

  for (const watchers of settings.concurrency) add(await watchStep(ctx, watchers));

  add(await redisFloor(cluster.redisSocketPath, settings.concurrency, settings.redisRequests));
} catch (error) {
  // Setup that every later step needs failed: report what we have, and why we stopped.
  console.error(`bench api: stopped early: ${(error as Error).stack ?? error}`);
  console.error(`bench api: apiserver log: ${cluster.apiserverLogPath}`);
  rows.push({
    id: 'aborted',
    step: 'benchmark stopped early',
    clients: '-',
    throughput: Number.NaN,
    latency: { count: 0, errors: 1, p50: NaN, p99: NaN, max: NaN },
    errors: String((error as Error).message ?? error).slice(0, 300),
  });
  process.exitCode = 1;
} finally {
  await stop();
}

const machine = describeMachine();
const table = renderRows(rows);
console.log(table);
const errors = renderErrors(rows);
const notes = renderNotes(rows);
if (errors.length) console.log(`\nErrors:\n${errors.join('\n')}`);
if (notes.length) console.log(`\nNotes:\n${notes.join('\n')}`);
await writeBenchmarkSection('api', section(rows, table, errors, notes, cluster, settings), machine);
console.error('bench api: wrote the `## api` section of docs/benchmarks.md');

function section(
  rows: Row[],
  table: string,
  errors: string[],
  notes: string[],
  cluster: BenchCluster,
  s: Settings,
): string {
  const sec = (t: { warmupMs: number; durationMs: number }) =>
    `${t.warmupMs / 1000} s warm-up (run, not recorded) + ${t.durationMs / 1000} s measured`;
  return [
    `Command: \`npm run bench -- api${s.quick ? ' --quick' : ''}\`${s.quick ? ' — **quick mode: shortened runs, figures are indicative only**' : ''}`,
    '',
    ...machineLines(machine),
    `- Cluster: started by ${cluster.startedBy}; load generator: one Node process on the same machine, @kubernetes/client-node ${clientNodeVersion}`,
    '',
    'Method:',
    '',
    `- Every client has its own KubeConfig and API client. **client-node** is the library as shipped: it builds a new https.Agent per request, so each call opens a new TCP + TLS connection. **keep-alive** is the same library with one persistent agent per client, to separate connection setup from the apiserver's own work.`,
    `- Closed loop (create, get, list): each client issues its next request when the previous one settles; ${sec(s.closed)}; ops/s counts successes started in the measured window.`,
    `- Paced create: open loop at ${s.paced.rate}/s over ${s.paced.clients} clients, ${sec(s.paced)}; latency runs from each request's due time, so any backlog counts against it.`,
    `- Get: random reads among ${s.listSizes[0]} ConfigMaps. List: a whole namespace holding exactly ${s.listSizes.join(' or ')} ConfigMaps (a short list counts as an error).`,
    `- Watch: N client-node Watches on one namespace, a writer creating ConfigMaps at ${s.watch.rate}/s, each stamped with its send time; latency = receive − stamp per (event, watcher), create round trip included; ${sec(s.watch)}; events missing ${s.watch.drainMs / 1000} s after the last write count as errors.`,
    `- Redis floor: \`redis-benchmark -s <socket> -q -n ${s.redisRequests} -c <clients> -t set,get --csv\` against the cluster's own Redis, after the API steps.`,
    '- The load generator runs on the same cores as the apiserver and Redis, and the machine may be shared with other work; compare runs on the same machine only.',
    '- Each create step writes into a fresh namespace; objects from earlier steps stay, so later steps run against a fuller store. Errors are counted per step and listed, never dropped.',
    '',
    '### Results',
    '',
    table,
    '',
    ...(notes.length ? ['Notes:', '', ...notes, ''] : []),
    ...(errors.length ? ['### Errors', '', ...errors, ''] : []),
    '### Reading',
    '',
    ...readResults(rows),
  ].join('\n');
}
