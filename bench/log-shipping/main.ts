// `npm run bench -- log-shipping [--quick]`: lines/s, CPU and peak RSS of the node agent's log
// shipper against rsyslog (imfile + omelasticsearch), both reading the same json-file backlog
// into the same OpenSearch, one after the other in the same run. Writes the `## log-shipping`
// section of docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { freePort } from '#testing';
import { ROOT, writeBenchmarkSection } from '../support/docs-section.js';
import { describeMachine } from '../support/machine.js';
import { machineLoadSince, processUsage, type MachineLoad, type ProcessUsage } from '../support/process-usage.js';
import { rate, renderTable } from '../support/table.js';
import { startRsyslog } from './rsyslog-peer.js';
import { writeWorkload } from './workload.js';

const quick = process.argv.includes('--quick');
const CONTAINERS = 4;
const LINES = quick ? 5_000 : 50_000;
const TOTAL = CONTAINERS * LINES;
const TIMEOUT_MS = 15 * 60_000;
const STALL_MS = 30_000;

interface Run {
  shipper: string;
  seconds: number;
  documents: number;
  usage: ProcessUsage;
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
  const engineModule = (await import(pathToFileURL(join(ROOT, 'tools/opensearch/engine.js')).href)) as {
    startEngine(options: { dataDir: string; port: number }): Promise<Engine>;
  };
  engine = await engineModule.startEngine({ dataDir: join(dir, 'opensearch'), port: await freePort() });
  const url = engine.url.replace(/\/$/, '');
  await warmUp(url);

  runs.push(
    await measure('kubenest node agent shipper', url, 'kn-logstash-*', async () => {
      const child = spawn(process.execPath, [join(ROOT, 'dist/bench/log-shipping/kubenest-shipper.js')], {
        env: {
          ...process.env,
          KUBENEST_LOG_DIR: join(dir, 'log'),
          KUBENEST_NODE_AGENT_ROOT: join(dir, 'kubenest-agent'),
          KUBENEST_LOG_INDEX_PREFIX: 'kn-logstash',
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
  runs.push(
    await measure('rsyslog 8 (imfile + omelasticsearch)', url, 'rsyslog-bench', () =>
      startRsyslog({ workDir: join(dir, 'rsyslog'), containersDir, engine: new URL(url), index: 'rsyslog-bench' }),
    ),
  );

  const table = renderTable(
    [
      'shipper',
      'lines',
      'documents',
      'seconds',
      'lines/s',
      'CPU s',
      'CPU ms / 1k lines',
      'peak RSS MiB',
      'machine busy %',
      'load avg 1m',
    ],
    runs.map((r) => [
      r.shipper,
      TOTAL,
      r.documents,
      r.seconds.toFixed(1),
      rate(TOTAL / r.seconds),
      r.usage.cpuSeconds.toFixed(1),
      ((r.usage.cpuSeconds * 1000) / (TOTAL / 1000)).toFixed(1),
      r.usage.peakRssMiB.toFixed(0),
      r.load.busyPercent.toFixed(0),
      r.load.loadAverage1m.toFixed(1),
    ]),
  );
  console.log(table);
  const [kubenest, rsyslog] = runs;
  await writeBenchmarkSection(
    'log-shipping',
    [
      `A backlog of ${TOTAL.toLocaleString('en')} json-file lines in ${CONTAINERS} container log files, read from`,
      'the start into the same single-node OpenSearch 3.8 (on the same machine), each shipper',
      'on its own and to its own index. Time runs from the shipper starting until the index holds',
      'every line (polled `_count`), or until its last progress when lines stay missing for 30 s',
      '(`documents` then says how many arrived); CPU and peak RSS are those of the shipper process. The engine',
      'is warmed up first (one bulk of 5,000 documents), so neither shipper pays for its cold start.',
      '',
      table,
      '',
      'The two do different work per line. The kubenest shipper parses each json-file line,',
      'rejoins partial lines, builds the Fluentd-shaped record (`kubernetes.*`, nanosecond',
      '`@timestamp`), writes every chunk to its disk buffer with fsync before moving the position',
      'file, and sends `create` with a deterministic `_id` (the engine checks each id). rsyslog',
      'ships each raw line as the message, with an in-memory queue and auto-generated ids, so a',
      'resend after a failure duplicates. The engine shares the 2 cores, so both figures are',
      'bounded by its indexing rate as much as by the shipper; the last two columns say how busy',
      'the machine was during each run (other work on it slows both).',
      '',
      `Reading: the kubenest shipper took ${kubenest.seconds.toFixed(1)} s against rsyslog's ${rsyslog.seconds.toFixed(1)} s,`,
      `with ${kubenest.usage.cpuSeconds.toFixed(1)} s of CPU against ${rsyslog.usage.cpuSeconds.toFixed(1)} s and`,
      `${kubenest.usage.peakRssMiB.toFixed(0)} MiB peak RSS against ${rsyslog.usage.peakRssMiB.toFixed(0)} MiB. The kubenest shipper was on`,
      `CPU for ${((100 * kubenest.usage.cpuSeconds) / kubenest.seconds).toFixed(0)}% of its run: it mostly waits for the engine, with one bulk in flight at a`,
      'time, and `create` with its own ids makes the engine look each id up, where auto-generated ids',
      'take the append-only path. That is the price of exactly-once; more bulks in flight is the',
      'lever if the rate matters more.',
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
  console.error(`bench log-shipping: ${shipper}: ${TOTAL} lines in ${seconds.toFixed(1)} s`);
  return { shipper, seconds, documents, usage: usage!, load: machine };
}

/** A first index and a few thousand documents, so that neither shipper pays for the engine's cold start. */
async function warmUp(url: string): Promise<void> {
  const lines: string[] = [];
  for (let i = 0; i < 5_000; i++) {
    lines.push(
      '{"index":{"_index":"warm-up"}}',
      JSON.stringify({ '@timestamp': new Date().toISOString(), log: `warm ${i}` }),
    );
  }
  await fetch(`${url}/_bulk`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: `${lines.join('\n')}\n`,
  });
  await fetch(`${url}/warm-up`, { method: 'DELETE' });
}

async function count(url: string, index: string): Promise<number> {
  await fetch(`${url}/${index}/_refresh?ignore_unavailable=true`, { method: 'POST' }).catch(() => undefined);
  const response = await fetch(`${url}/${index}/_count?ignore_unavailable=true`).catch(() => undefined);
  if (!response?.ok) return 0;
  return ((await response.json()) as { count: number }).count;
}
