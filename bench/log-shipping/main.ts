// `npm run bench -- log-shipping [--quick] [--concurrency=1,4]`: end-to-end lines/s, CPU and
// peak RSS of the node agent's log shipper against rsyslog (imfile + omelasticsearch), both
// reading the same json-file backlog into the same OpenSearch, one after the other in the same
// run, beside the engine's raw limit (pre-built bulk bodies posted by parallel curl). Writes the
// `## log-shipping` section of docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { freePort } from '#testing';
import { DEFAULT_SHIP_CONCURRENCY } from '../../apps/node-agent/src/logging/config/logging-config.js';
import { ROOT, writeBenchmarkSection } from '../support/docs-section.js';
import { describeMachine } from '../support/machine.js';
import { machineLoadSince, processUsage, type MachineLoad, type ProcessUsage } from '../support/process-usage.js';
import { rate, renderTable } from '../support/table.js';
import {
  RAW_BULK_DOCUMENTS,
  RAW_PARALLEL,
  installLogsTemplate,
  postRawBulks,
  writeRawBulks,
} from './engine-raw-limit.js';
import { startRsyslog } from './rsyslog-peer.js';
import { writeWorkload } from './workload.js';

const setup = (await import(pathToFileURL(join(ROOT, 'bin/setup.js')).href)) as {
  ensureLogShippingBenchTools(): void;
};
setup.ensureLogShippingBenchTools();

const quick = process.argv.includes('--quick');
// --concurrency=1,4: one kubenest run per value of KUBENEST_LOG_SHIP_CONCURRENCY.
const concurrencyFlag = process.argv.find((arg) => arg.startsWith('--concurrency='));
const CONCURRENCIES = concurrencyFlag
  ? concurrencyFlag.slice('--concurrency='.length).split(',').map(Number)
  : [DEFAULT_SHIP_CONCURRENCY];
const CONTAINERS = 4;
const LINES = quick ? 25_000 : 250_000;
const TOTAL = CONTAINERS * LINES;
const TIMEOUT_MS = 20 * 60_000;
const STALL_MS = 30_000;

interface Run {
  shipper: string;
  seconds: number;
  documents: number;
  /** Undefined for the raw runs: curl's own CPU is not the point there. */
  usage?: ProcessUsage;
  load: MachineLoad;
}

interface Engine {
  url: string;
  stop(): Promise<void>;
}

const dir = mkdtempSync(join(tmpdir(), 'bench-log-shipping-'));
const runs: Run[] = [];
let engine: Engine | undefined;
try {
  const { containersDir, bytes } = writeWorkload(dir, CONTAINERS, LINES);
  console.error(`bench log-shipping: ${TOTAL} lines (${(bytes / 2 ** 20).toFixed(1)} MiB) in ${CONTAINERS} files`);
  writeRawBulks(containersDir, join(dir, 'raw-ids'), 'raw-ids', true);
  writeRawBulks(containersDir, join(dir, 'raw-auto'), 'raw-auto', false);
  const engineModule = (await import(pathToFileURL(join(ROOT, 'tools/opensearch/engine.js')).href)) as {
    startEngine(options: { dataDir: string; port: number }): Promise<Engine>;
  };
  engine = await engineModule.startEngine({ dataDir: join(dir, 'opensearch'), port: await freePort() });
  const url = engine.url.replace(/\/$/, '');
  await warmUp(url);
  for (const prefix of ['raw-ids', 'raw-auto']) await installLogsTemplate(url, prefix);

  const rawIdsRun = (when: string) =>
    measure(`engine raw limit: create with ids (${when})`, url, 'raw-ids-*', () =>
      postRawBulks(join(dir, 'raw-ids'), url),
    ).then(withoutUsage);
  runs.push(
    withoutUsage(
      await measure('engine raw limit: index, auto ids', url, 'raw-auto-*', () =>
        postRawBulks(join(dir, 'raw-auto'), url),
      ),
    ),
  );
  runs.push(await rawIdsRun('first'));
  for (const concurrency of CONCURRENCIES) {
    const logDir = join(dir, 'log');
    runs.push(
      await measure(`kubenest shipper, ${concurrency} in flight`, url, 'kn-logstash-*', async () => {
        const child = spawn(process.execPath, [join(ROOT, 'dist/bench/log-shipping/kubenest-shipper.js')], {
          env: {
            ...process.env,
            KUBENEST_LOG_DIR: logDir,
            KUBENEST_NODE_AGENT_ROOT: join(dir, `kubenest-agent-${concurrency}`),
            KUBENEST_LOG_INDEX_PREFIX: 'kn-logstash',
            KUBENEST_LOG_SHIP_CONCURRENCY: String(concurrency),
            ELASTICSEARCH_URL: url,
          },
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        const exited = once(child, 'exit');
        return {
          pid: child.pid!,
          async stop() {
            child.kill('SIGTERM');
            await exited;
          },
        };
      }),
    );
  }
  const rsyslog = await measure('rsyslog 8 (imfile + omelasticsearch)', url, 'rsyslog-bench', () =>
    startRsyslog({ workDir: join(dir, 'rsyslog'), containersDir, engine: new URL(url), index: 'rsyslog-bench' }),
  );
  runs.push(rsyslog);
  // Again at the end: the faster of the two is the limit, so a slow engine early on cannot flatter the others.
  runs.push(await rawIdsRun('last'));
  const rawIds = runs
    .filter((r) => r.shipper.startsWith('engine raw limit: create'))
    .reduce((a, b) => (a.seconds <= b.seconds ? a : b));

  const table = renderTable(
    [
      'run',
      'lines written',
      'documents',
      'loss',
      'seconds',
      'lines/s',
      '% of raw limit',
      'CPU s',
      'CPU s / 1M lines',
      'peak RSS MiB',
      'machine busy %',
      'load avg 1m',
    ],
    runs.map((r) => [
      r.shipper,
      TOTAL,
      r.documents,
      TOTAL - r.documents,
      r.seconds.toFixed(1),
      rate(TOTAL / r.seconds),
      ((100 * rawIds.seconds) / r.seconds).toFixed(0),
      r.usage ? r.usage.cpuSeconds.toFixed(1) : '-',
      r.usage ? (r.usage.cpuSeconds / (TOTAL / 1e6)).toFixed(1) : '-',
      r.usage ? r.usage.peakRssMiB.toFixed(0) : '-',
      r.load.busyPercent.toFixed(0),
      r.load.loadAverage1m.toFixed(1),
    ]),
  );
  console.log(table);
  const kubenest = runs.find((r) => r.shipper === `kubenest shipper, ${DEFAULT_SHIP_CONCURRENCY} in flight`) ?? runs[2];
  const kubenestRate = TOTAL / kubenest.seconds;
  const verdict = (met: boolean) => (met ? 'met' : 'not met');
  await writeBenchmarkSection(
    'log-shipping',
    [
      `A backlog of ${TOTAL.toLocaleString('en')} Docker json-file lines in ${CONTAINERS} container log files, read from`,
      'the start into the same single-node OpenSearch 3.8 (512 MiB heap, on the same machine), each run',
      'on its own, one after the other, to its own index, which is deleted after the run. Time runs',
      'from the start until the index holds every line (polled `_count` after `_refresh`), or until',
      'the last progress when lines stay missing for 30 s; `documents` is counted again 2 s after the',
      'shipper stopped, and `loss` is lines written minus documents (negative: duplicates). CPU and',
      'peak RSS are those of the shipper process. The engine is warmed up first (20,000 documents,',
      'half with ids of their own), so no run pays for its cold start.',
      '',
      table,
      '',
      `- **engine raw limit**: the documents the kubenest shipper builds for these lines (same fields,`,
      `  index names and logs template), pre-built as NDJSON bodies of ${RAW_BULK_DOCUMENTS.toLocaleString('en')} documents and posted to \`_bulk\``,
      `  by curl, ${RAW_PARALLEL} at a time (\`xargs -P ${RAW_PARALLEL}\`). \`create with ids\` is what the shipper asks`,
      '  for, with its deterministic `_id` (exactly-once), run first and again last; `% of raw limit`',
      '  compares with the faster of the two. `index, auto ids` lets the engine generate ids, the',
      '  append-only path rsyslog takes.',
      "- **kubenest shipper**: the node agent's own code (`startLogShipping`), `KUBENEST_LOG_SHIP_CONCURRENCY`",
      '  bulk requests in flight, each one 2 MiB disk-buffer chunk written with fsync before the position',
      '  file moves; it parses every json-file line and builds the Fluentd-shaped record',
      '  (`kubernetes.*`, nanosecond `@timestamp`).',
      "- **rsyslog**: Debian's rsyslogd with imfile (inotify, from the start of each file) and",
      '  omelasticsearch in bulk mode (`bulkmode="on"`, `maxbytes="2m"`, a linked-list action queue',
      '  of 100,000 messages dequeued 2,000 at a time, one worker); each raw line is the message, with',
      '  engine-generated ids, so a resend after a failure would duplicate.',
      '',
      `Goals: kubenest at or above rsyslog's end-to-end rate: ${verdict(kubenest.seconds <= rsyslog.seconds)}`,
      `(${rate(kubenestRate)} against ${rate(TOTAL / rsyslog.seconds)} lines/s); at least 90% of the engine's raw limit:`,
      `${verdict(kubenest.seconds * 0.9 <= rawIds.seconds)} (${((100 * rawIds.seconds) / kubenest.seconds).toFixed(0)}% of ${rate(TOTAL / rawIds.seconds)} lines/s); zero loss:`,
      `${verdict(kubenest.documents === TOTAL)} (${kubenest.documents.toLocaleString('en')} of ${TOTAL.toLocaleString('en')} lines in the index).`,
      'The engine shares the 2 cores with the shipper, so every CPU second the shipper spends is one',
      'the engine cannot index with; the raw runs pay almost nothing on the client side.',
      `The two raw runs of the same bodies took ${runs
        .filter((r) => r.shipper.startsWith('engine raw limit: create'))
        .map((r) => `${r.seconds.toFixed(1)} s`)
        .join(' and ')}: that spread is the noise of a machine shared with other work`,
      '(see `machine busy %` and `load avg 1m`), so read single figures with it in mind.',
    ].join('\n'),
    describeMachine(),
  );
} finally {
  await engine?.stop();
  rmSync(dir, { recursive: true, force: true });
}

async function measure(
  shipper: string,
  url: string,
  index: string,
  start: () => Promise<{ pid: number; stop(): Promise<void> }>,
): Promise<Run> {
  const began = Date.now();
  const load = machineLoadSince();
  const running = await start();
  let documents = 0;
  let usage: ProcessUsage | undefined;
  let lastProgress = Date.now();
  try {
    // Until every line is there, or nothing more arrives for STALL_MS (a shipper that lost lines).
    while (documents < TOTAL && Date.now() - lastProgress < STALL_MS) {
      if (Date.now() - began > TIMEOUT_MS) throw new Error(`${shipper}: only ${documents} of ${TOTAL} documents`);
      await sleep(250);
      usage = processUsage(running.pid) ?? usage;
      const now = await count(url, index);
      if (now > documents) lastProgress = Date.now();
      documents = now;
    }
  } finally {
    usage = processUsage(running.pid) ?? usage;
    await running.stop();
  }
  const seconds = (lastProgress - began) / 1000;
  const machine = load();
  await sleep(2_000);
  documents = await count(url, index); // any duplicates arrive after the last line
  // Gone before the next run, so that its merges do not take the engine's time from it.
  await fetch(`${url}/${index}`, { method: 'DELETE' });
  console.error(`bench log-shipping: ${shipper}: ${documents} of ${TOTAL} lines in ${seconds.toFixed(1)} s`);
  return { shipper, seconds, documents, usage, load: machine };
}

/**
 * A first index and 20,000 documents, half with ids of their own (`create`) and half without,
 * so that no run pays for the engine's cold start (its JIT, its first index).
 */
async function warmUp(url: string): Promise<void> {
  for (let round = 0; round < 4; round++) {
    const lines: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const action =
        round % 2 ? { index: { _index: 'warm-up' } } : { create: { _index: 'warm-up', _id: `${round}-${i}` } };
      lines.push(JSON.stringify(action), JSON.stringify({ '@timestamp': new Date().toISOString(), log: `warm ${i}` }));
    }
    await fetch(`${url}/_bulk`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: `${lines.join('\n')}\n`,
    });
  }
  await fetch(`${url}/warm-up`, { method: 'DELETE' });
}

async function count(url: string, index: string): Promise<number> {
  await fetch(`${url}/${index}/_refresh?ignore_unavailable=true`, { method: 'POST' }).catch(() => undefined);
  const response = await fetch(`${url}/${index}/_count?ignore_unavailable=true`).catch(() => undefined);
  if (!response?.ok) return 0;
  return ((await response.json()) as { count: number }).count;
}

/** The raw runs' process is a shell running curl: its CPU and memory say nothing about the engine. */
function withoutUsage(run: Run): Run {
  return { ...run, usage: undefined };
}
