import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { dailyIndexName, OpenSearchSink, type BulkItem } from '#search';
import {
  dockerUnavailable,
  freePort,
  searchEngineUnavailable,
  startTestApiserver,
  startTestCluster,
  useTestSearchEngine,
  type TestCluster,
} from '#testing';

const CLI = resolve(import.meta.dirname, '../../apps/cli/src/main.js');
const skip = dockerUnavailable ?? (await searchEngineUnavailable());

/**
 * A log line as the node agent's shipper writes it (Fluentd kubernetes_metadata fields). The
 * lines are bulk-loaded into the real engine here, so the search is tested on its own.
 */
function line(
  prefix: string,
  at: Date,
  pod: string,
  log: string,
  extra: { ns?: string; stream?: string } = {},
): BulkItem {
  return {
    index: dailyIndexName(`${prefix}logstash`, at),
    id: `${pod}-${at.getTime()}`,
    op: 'create',
    document: {
      '@timestamp': at.toISOString(),
      log,
      stream: extra.stream ?? 'stdout',
      kubernetes: {
        namespace_name: extra.ns ?? 'default',
        pod_name: pod,
        container_name: pod.startsWith('web') ? 'web' : 'worker',
        labels: pod.startsWith('web')
          ? { app: 'microservice1', 'app_kubernetes_io/part-of': 'shop' }
          : { app: 'worker' },
      },
    },
  };
}

/** kubenest logs search, as a user runs it. */
function logsSearch(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'logs', 'search', '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.split('\n').filter(Boolean) };
}

// `kubenest logs search` through the apiserver's LogQuery API against the real OpenSearch.
describe('kubenest logs search', { skip }, () => {
  const engine = useTestSearchEngine();
  let cluster: TestCluster;
  let sink: OpenSearchSink;
  let prefix: string;
  const now = Date.now();
  const ago = (seconds: number) => new Date(now - seconds * 1000);
  const load = async (items: BulkItem[]) => {
    const results = await sink.bulk(items);
    assert.ok(
      results.every((r) => r.status < 300),
      JSON.stringify(results),
    );
    await fetch(`${engine.url}/${prefix}logstash-*/_refresh`, { method: 'POST' });
  };

  before(async () => {
    prefix = engine.prefix();
    sink = OpenSearchSink.fromOptions({ url: engine.url });
    cluster = await startTestCluster({ ELASTICSEARCH_URL: engine.url, KUBENEST_INDEX_PREFIX: prefix });
    await load([
      line(prefix, ago(7200), 'web-1', 'old error from two hours ago', { stream: 'stderr' }),
      line(prefix, ago(300), 'web-1', 'GET / 200'),
      line(prefix, ago(240), 'web-1', 'connection refused: upstream timeout', { stream: 'stderr' }),
      line(prefix, ago(180), 'web-2', 'GET /healthz 200'),
      line(prefix, ago(120), 'worker-1', 'job 42 failed: timeout', { ns: 'batch', stream: 'stderr' }),
      line(prefix, ago(60), 'web-2', 'GET /fail 500 timeout'),
    ]);
  });
  after(async () => {
    await cluster?.stop();
    await sink?.close();
  });

  it('finds lines with the Lucene syntax Kibana users type, newest at the bottom', () => {
    const r = logsSearch(cluster.dataDir, 'log:timeout');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.lines, [
      '[default/pod/web-1/web] connection refused: upstream timeout',
      '[batch/pod/worker-1/worker] job 42 failed: timeout',
      '[default/pod/web-2/web] GET /fail 500 timeout',
    ]);
    const stderr = logsSearch(cluster.dataDir, 'stream:"stderr" AND NOT log:old', '--timestamps');
    assert.equal(stderr.lines.length, 2);
    assert.equal(
      stderr.lines[0],
      `${ago(240).toISOString()} [default/pod/web-1/web] connection refused: upstream timeout`,
    );
  });

  it('narrows by namespace, label selector, pod, container, time and count', () => {
    assert.deepEqual(logsSearch(cluster.dataDir, 'log:timeout', '-n', 'batch').lines, [
      '[batch/pod/worker-1/worker] job 42 failed: timeout',
    ]);
    const labelled = logsSearch(cluster.dataDir, '', '-l', 'app=microservice1,app.kubernetes.io/part-of in (shop)');
    assert.equal(labelled.lines.length, 5, labelled.stdout + labelled.stderr);
    assert.ok(labelled.lines.every((l) => l.includes('/pod/web-')));
    assert.deepEqual(logsSearch(cluster.dataDir, '', '--pod', 'web-2', '-c', 'web').lines, [
      '[default/pod/web-2/web] GET /healthz 200',
      '[default/pod/web-2/web] GET /fail 500 timeout',
    ]);
    assert.equal(logsSearch(cluster.dataDir, 'log:error').lines.length, 1);
    assert.equal(logsSearch(cluster.dataDir, 'log:error', '--since', '1h').lines.length, 0);
    // The newest two, printed oldest first.
    assert.deepEqual(logsSearch(cluster.dataDir, '', '--limit', '2').lines, [
      '[batch/pod/worker-1/worker] job 42 failed: timeout',
      '[default/pod/web-2/web] GET /fail 500 timeout',
    ]);
  });

  it('says what is wrong with a malformed query, a bad selector and a bad flag', () => {
    const malformed = logsSearch(cluster.dataDir, 'log:(timeout');
    assert.equal(malformed.status, 1);
    assert.match(malformed.stderr, /^Error from server \(BadRequest\): invalid log query: .+/);
    const selector = logsSearch(cluster.dataDir, '', '-l', 'app in (');
    assert.equal(selector.status, 1);
    assert.match(selector.stderr, /Error from server \(Invalid\): .*spec\.labelSelector/);
    const since = logsSearch(cluster.dataDir, '', '--since', 'yesterday');
    assert.equal(since.status, 1);
    assert.match(since.stderr, /invalid --since "yesterday"/);
  });

  it('follows: prints lines that arrive later, each once', async () => {
    const child = spawn(process.execPath, [CLI, 'logs', 'search', '--data-dir', cluster.dataDir, '-f', 'log:tick']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await load([line(prefix, ago(30), 'web-1', 'tick 1')]);
      const waitFor = async (count: number) => {
        const deadline = Date.now() + 30_000;
        while (out.split('\n').filter((l) => l.includes('tick')).length < count) {
          if (Date.now() > deadline) throw new Error(`follow output so far:\n${out}`);
          await sleep(200);
        }
      };
      await waitFor(1);
      await load([
        line(prefix, new Date(), 'web-1', 'tick 2'),
        line(prefix, new Date(Date.now() + 1), 'web-2', 'tick 3'),
      ]);
      await waitFor(3);
      // Several more polls pass: nothing is printed twice.
      await sleep(5_000);
      assert.deepEqual(out.split('\n').filter(Boolean), [
        '[default/pod/web-1/web] tick 1',
        '[default/pod/web-1/web] tick 2',
        '[default/pod/web-2/web] tick 3',
      ]);
    } finally {
      child.kill('SIGINT');
    }
  });
});

describe('log search without a search engine', () => {
  it('answers 503 saying an engine is needed', async () => {
    const apiserver = await startTestApiserver();
    try {
      const res = await apiserver.request({
        method: 'POST',
        path: '/apis/logging.kubenest.io/v1alpha1/logqueries',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'logging.kubenest.io/v1alpha1', kind: 'LogQuery', spec: { query: 'x' } }),
      });
      assert.equal(res.status, 503);
      const status = JSON.parse(res.body) as { kind: string; reason: string; message: string };
      assert.equal(status.kind, 'Status');
      assert.equal(status.reason, 'ServiceUnavailable');
      assert.match(status.message, /ELASTICSEARCH_URL/);
    } finally {
      await apiserver.stop();
    }
  });
});

describe('log search while the search engine is unreachable', () => {
  it('starts and serves, is ready, answers 503 with the reason, and reports the engine as not connected', async () => {
    // Nothing listens on this port: the engine is down when the apiserver starts.
    const apiserver = await startTestApiserver({ ELASTICSEARCH_URL: `http://127.0.0.1:${await freePort()}` });
    try {
      const namespaces = await apiserver.request({ method: 'GET', path: '/api/v1/namespaces' });
      assert.equal(namespaces.status, 200);
      const ready = await apiserver.request({ method: 'GET', path: '/readyz' });
      assert.equal(ready.status, 200, ready.body);
      const res = await apiserver.request({
        method: 'POST',
        path: '/apis/logging.kubenest.io/v1alpha1/logqueries',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'logging.kubenest.io/v1alpha1', kind: 'LogQuery', spec: { query: 'x' } }),
      });
      assert.equal(res.status, 503);
      const status = JSON.parse(res.body) as { kind: string; reason: string; message: string };
      assert.equal(status.kind, 'Status');
      assert.equal(status.reason, 'ServiceUnavailable');
      assert.match(status.message, /not connected to the search engine at http:\/\/127\.0\.0\.1:\d+/);
      const metrics = await apiserver.request({ method: 'GET', path: '/metrics' });
      assert.match(metrics.body, /^kubenest_search_connected\{pipeline="search"\} 0$/m);
    } finally {
      await apiserver.stop();
    }
  });
});
