import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  appendFileSync,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import {
  dockerUnavailable,
  freePort,
  kubectl,
  kubectlPath,
  OutageRelay,
  releaseTestSearchEngine,
  searchEngineUnavailable,
  startTestApiserver,
  startTestCluster,
  testIndexPrefix,
  testSearchEngine,
  type TestApiserver,
  type TestCluster,
} from '#testing';
import { waitFor } from './services-support.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const skip = !kubectlPath ? 'kubectl is not on this machine' : (dockerUnavailable ?? (await searchEngineUnavailable()));

/** The node agent as its own process (docker runtime, a root dir that survives its restarts). */
class AgentProcess {
  private child?: ChildProcess;
  private exited?: Promise<unknown>;

  constructor(
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  async start(): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    this.child = spawn(process.execPath, ['--enable-source-maps', join(ROOT, 'dist/apps/node-agent/src/main.js')], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.pipe(log);
    this.child.stderr!.pipe(log);
    this.exited = once(this.child, 'exit');
    await waitFor('the node agent to be ready', () =>
      fetch(`http://127.0.0.1:${this.env['KUBENEST_HEALTH_PORT']}/readyz`).then(
        (r) => r.ok,
        () => false,
      ),
    );
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill(signal);
      await this.exited;
    }
  }

  /** One sample of a metric from the agent's /metrics, summed over its labels. */
  async metric(name: string): Promise<number> {
    const text = await fetch(`http://127.0.0.1:${this.env['KUBENEST_HEALTH_PORT']}/metrics`).then((r) => r.text());
    return text
      .split('\n')
      .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  }
}

interface LogDocument {
  '@timestamp': string;
  log: string;
  stream: string;
  json?: Record<string, unknown>;
  kubenest?: { parse_error?: string; split?: boolean };
  kubernetes: Record<string, unknown> & { labels?: Record<string, string> };
}

// The engine end to end: a real node agent on Docker, a real OpenSearch, and a pod writing
// known lines. The agent runs as its own process beside a test apiserver (pods are bound to it
// by spec.nodeName, so no scheduler is needed) because the restart test kills it, and `up`
// stops the whole cluster when one of its components dies.
describe('container log shipping into the search engine', { skip }, () => {
  let apiserver: TestApiserver;
  let engine: string;
  let relay: OutageRelay;
  let agent: AgentProcess;
  let dir: string;
  let prefix: string;
  const nodeName = `logship-${process.pid}`;

  const search = async (pod: string): Promise<LogDocument[]> => {
    const response = await fetch(`${engine}/${prefix}logstash-*/_search?ignore_unavailable=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ size: 10_000, query: { term: { 'kubernetes.pod_name': pod } }, sort: ['@timestamp'] }),
    });
    if (response.status === 404) return [];
    const body = (await response.json()) as { hits?: { hits: { _source: LogDocument }[] } };
    return (body.hits?.hits ?? []).map((hit) => hit._source);
  };
  const runPod = (name: string, script: string, labels: Record<string, string> = {}) => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { app: name, ...labels } },
      spec: {
        nodeName,
        restartPolicy: 'Never',
        containers: [{ name: 'writer', image: 'localhost:5000/busybox:1.36', command: ['sh', '-c', script] }],
      },
    };
    const r = kubectl(apiserver.kubeconfigPath, ['apply', '-f', '-'], JSON.stringify(pod));
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(kubectl(apiserver.kubeconfigPath, ['get', 'pod', name, '-o', 'json']).stdout) as {
      metadata: { uid: string };
    };
  };
  /** Waits until `count` documents of the pod are in the index, then a moment more to see that no extra one arrives. */
  const documentsOf = async (pod: string, count: number) => {
    await waitFor(`${count} documents of ${pod}`, async () => (await search(pod)).length >= count, 180_000);
    await sleep(3_000);
    return search(pod);
  };
  const numbered = (docs: LogDocument[], word: string) =>
    docs.map((d) => Number(new RegExp(`^${word} (\\d+)\\n$`).exec(d.log)?.[1])).sort((a, b) => a - b);
  const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  before(async () => {
    engine = (await testSearchEngine()).replace(/\/$/, '');
    prefix = testIndexPrefix();
    relay = new OutageRelay(new URL(engine));
    await relay.up();
    apiserver = await startTestApiserver();
    dir = mkdtempSync(join(tmpdir(), 'kubenest-logship-'));
    agent = new AgentProcess(
      {
        KUBENEST_KUBECONFIG: apiserver.kubeconfigPath,
        KUBENEST_NODE_NAME: nodeName,
        KUBENEST_NODE_AGENT_ROOT: join(dir, 'root'),
        KUBENEST_RUNTIME: 'docker',
        KUBENEST_NODE_IP: '127.0.0.1',
        KUBENEST_HEALTH_PORT: String(await freePort()),
        KUBENEST_KUBELET_PORT: String(await freePort()),
        KUBENEST_KUBELET_BIND_ADDRESS: '127.0.0.1',
        KUBENEST_RUNTIME_SCOPE_LABELS: `io.kubenest.node=${nodeName}`,
        ELASTICSEARCH_URL: `http://127.0.0.1:${relay.port}`,
        KUBENEST_LOG_INDEX_PREFIX: `${prefix}logstash`,
        KUBENEST_LOG_MULTILINE_START: '^\\S',
        KUBENEST_LOG_FLUSH_SECONDS: '0.5',
      },
      join(dir, 'node-agent.log'),
    );
    await agent.start();
  });

  after(async () => {
    await agent?.kill('SIGTERM');
    const ids = spawnSync('docker', ['ps', '-aq', '--filter', `label=io.kubenest.node=${nodeName}`], {
      encoding: 'utf8',
    }).stdout.split('\n');
    if (ids.some(Boolean)) spawnSync('docker', ['rm', '-f', ...ids.filter(Boolean)], { stdio: 'ignore' });
    await apiserver?.stop();
    await relay?.down();
    if (engine && prefix) {
      await fetch(`${engine}/${prefix}*?expand_wildcards=all`, { method: 'DELETE' }).catch(() => undefined);
      await fetch(`${engine}/_index_template/${prefix}*`, { method: 'DELETE' }).catch(() => undefined);
    }
    await releaseTestSearchEngine();
    if (dir && !process.env['KUBENEST_KEEP_TEST_DATA']) rmSync(dir, { recursive: true, force: true });
  });

  it('ships stdout, stderr, a >16 KiB line, a stack trace, JSON and invalid UTF-8, each exactly once with kubernetes.*', async () => {
    const script = [
      'echo out-marker',
      'echo err-marker >&2',
      "head -c 40000 /dev/zero | tr '\\0' x; echo",
      'printf \'Exception in thread "main" java.lang.RuntimeException: boom\\n\\tat App.run(App.java:10)\\n\\tat App.main(App.java:3)\\n\'',
      'echo \'{"level":"warn","msg":"json line","code":42}\'',
      "printf 'bad \\377\\376 utf8\\n'",
      'echo done-marker',
      'sleep 3600',
    ].join('; ');
    const pod = runPod('log-writer', script, { 'app.kubernetes.io/name': 'log-writer' });
    const docs = await documentsOf('log-writer', 7);
    const logs = docs.map((d) => d.log);
    assert.equal(docs.length, 7, `exactly the 7 records, once each:\n${logs.map((l) => l.slice(0, 80)).join('\n')}`);
    const find = (match: (log: string) => boolean) => {
      const found = docs.filter((d) => match(d.log));
      assert.equal(found.length, 1, `one record matching ${match}`);
      return found[0];
    };
    assert.equal(find((l) => l === 'out-marker\n').stream, 'stdout');
    assert.equal(find((l) => l === 'err-marker\n').stream, 'stderr');
    assert.equal(find((l) => l.startsWith('xxx')).log, `${'x'.repeat(40_000)}\n`, 'Docker 16 KiB parts rejoined');
    assert.equal(
      find((l) => l.startsWith('Exception')).log,
      'Exception in thread "main" java.lang.RuntimeException: boom\n\tat App.run(App.java:10)\n\tat App.main(App.java:3)\n',
    );
    assert.deepEqual(find((l) => l.includes('json line')).json, { level: 'warn', msg: 'json line', code: 42 });
    assert.equal(find((l) => l.startsWith('bad ')).log, 'bad \uFFFD\uFFFD utf8\n');
    const done = find((l) => l === 'done-marker\n');
    // Docker's RFC3339Nano as written: up to 9 fraction digits, trailing zeros dropped. More than
    // 3 digits shows it was not cut to a JavaScript Date's milliseconds (6 trailing zeros: 1 in 10^6).
    const fraction = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.(\d{1,9})Z$/.exec(done['@timestamp'])?.[1] ?? '';
    assert.ok(fraction.length > 3, `nanosecond @timestamp: ${done['@timestamp']}`);
    assert.equal(done.kubernetes['namespace_name'], 'default');
    assert.equal(done.kubernetes['pod_name'], 'log-writer');
    assert.equal(done.kubernetes['pod_id'], pod.metadata.uid);
    assert.equal(done.kubernetes['container_name'], 'writer');
    assert.equal(done.kubernetes['container_image'], 'localhost:5000/busybox:1.36');
    assert.equal(done.kubernetes['host'], nodeName);
    assert.deepEqual(done.kubernetes.labels, { app: 'log-writer', 'app_kubernetes_io/name': 'log-writer' });
  });

  it('bad input: a line past the record cap ships in flagged pieces, a broken json-file line as raw text', async () => {
    const huge = 2_621_440; // 2.5 MiB: three pieces at the 1 MiB record cap
    const pod = runPod('bad-writer', `head -c ${huge} /dev/zero | tr '\\0' y; echo; echo after-huge; sleep 3600`);
    await waitFor('the line after the huge one', async () =>
      (await search('bad-writer')).some((d) => d.log === 'after-huge\n'),
    );
    // A torn write and bytes that are not JSON, as a crash or another writer would leave them.
    const status = JSON.parse(kubectl(apiserver.kubeconfigPath, ['get', 'pod', 'bad-writer', '-o', 'json']).stdout) as {
      status: { containerStatuses: { containerID: string }[] };
    };
    const id = status.status.containerStatuses[0].containerID.replace('docker://', '');
    const logPath = spawnSync('docker', ['inspect', '-f', '{{.LogPath}}', id], { encoding: 'utf8' }).stdout.trim();
    // The kubelet's links, which the shipper (and a stock Fluentd) follows, lead to Docker's file.
    const logDir = join(dir, 'root', 'log');
    const podDir = join(logDir, 'pods', `default_bad-writer_${pod.metadata.uid}`);
    const link = join(logDir, 'containers', `bad-writer_default_writer-${id}.log`);
    assert.equal(readlinkSync(link), join(podDir, 'writer', '0.log'));
    assert.equal(realpathSync(link), realpathSync(logPath));
    appendFileSync(logPath, Buffer.concat([Buffer.from('{"log":"torn wri\n'), Buffer.from([0xc3, 0x28, 0x0a])]));
    const docs = await documentsOf('bad-writer', 6);
    const pieces = docs.filter((d) => d.log.startsWith('y'));
    assert.ok(pieces.length >= 3, `the huge line in pieces (${pieces.length})`);
    assert.ok(
      pieces.every((d) => d.kubenest?.split === true),
      'each piece is flagged split',
    );
    assert.equal(
      pieces.reduce((sum, d) => sum + d.log.length, 0),
      huge + 1,
      'no byte of it lost',
    );
    const broken = docs.filter((d) => d.kubenest?.parse_error);
    assert.deepEqual(
      broken.map((d) => d.log),
      ['{"log":"torn wri\n', '\uFFFD(\n'],
    );
    assert.equal(docs.length, pieces.length + 1 + broken.length, 'nothing else, nothing twice');
    kubectl(apiserver.kubeconfigPath, ['delete', 'pod', 'bad-writer', '--grace-period=1', '--wait=false']);
    await waitFor('the log links to go with the pod', () => !existsSync(link) && !existsSync(podDir));
  });

  it('a node agent killed in the middle of a stream and restarted loses and duplicates nothing', async () => {
    const total = 6000;
    runPod(
      'restart-writer',
      `i=1; while [ $i -le ${total} ]; do echo "seq $i"; i=$((i+1)); [ $((i % 200)) -eq 0 ] && sleep 0.3; done; sleep 3600`,
    );
    await waitFor('the first lines in the index', async () => (await search('restart-writer')).length > 200, 180_000);
    await agent.kill('SIGKILL');
    await sleep(3_000); // the container keeps writing while no agent reads
    await agent.start();
    const docs = await documentsOf('restart-writer', total);
    assert.deepEqual(numbered(docs, 'seq'), oneTo(total));
  });

  it('buffers while the engine is unreachable and delivers everything once it is back', async () => {
    await relay.down();
    const total = 2000;
    runPod('outage-writer', `i=1; while [ $i -le ${total} ]; do echo "out $i"; i=$((i+1)); done; sleep 3600`);
    await waitFor('chunks buffered on disk', async () => (await agent.metric('kubenest_log_buffer_chunks')) > 0);
    assert.deepEqual(await search('outage-writer'), [], 'nothing reached the engine during the outage');
    await relay.up();
    const docs = await documentsOf('outage-writer', total);
    assert.deepEqual(numbered(docs, 'out'), oneTo(total));
    assert.equal(await agent.metric('kubenest_log_dropped_total'), 0);
  });
});

// The product path: `kubenest up` hands its engine's ELASTICSEARCH_* settings to its node agent,
// which links the kubelet paths under <data dir>/node-agent/<node>/log and ships from them.
describe('container log shipping on a kubenest up cluster', { skip }, () => {
  let cluster: TestCluster;
  let engine: string;
  const prefix = testIndexPrefix();

  before(async () => {
    engine = (await testSearchEngine()).replace(/\/$/, '');
    // This file's engine, also when it runs alone (up would otherwise start one of its own).
    cluster = await startTestCluster({
      ELASTICSEARCH_URL: engine,
      ELASTICSEARCH_ENGINE: 'opensearch',
      KUBENEST_LOG_INDEX_PREFIX: `${prefix}logstash`,
    });
  });
  after(async () => {
    await cluster?.stop();
    await fetch(`${engine}/${prefix}*?expand_wildcards=all`, { method: 'DELETE' }).catch(() => undefined);
    await fetch(`${engine}/_index_template/${prefix}*`, { method: 'DELETE' }).catch(() => undefined);
    await releaseTestSearchEngine();
  });

  it("ships a scheduled pod's lines once, from the links under the data dir", async () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'hello-logs', namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'main',
            image: 'localhost:5000/busybox:1.36',
            command: ['sh', '-c', 'for i in 1 2 3; do echo "hello $i"; done; sleep 3600'],
          },
        ],
      },
    };
    const applied = kubectl(cluster.kubeconfigPath, ['apply', '-f', '-'], JSON.stringify(pod));
    assert.equal(applied.status, 0, applied.stderr);
    const search = async () => {
      const response = await fetch(`${engine}/${prefix}logstash-*/_search?ignore_unavailable=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ size: 100, query: { term: { 'kubernetes.pod_name': 'hello-logs' } } }),
      });
      const body = (await response.json()) as { hits?: { hits: { _source: LogDocument }[] } };
      return (body.hits?.hits ?? []).map((hit) => hit._source);
    };
    await waitFor('the three lines', async () => (await search()).length >= 3, 180_000);
    await sleep(3_000);
    const docs = await search();
    assert.deepEqual(docs.map((d) => d.log).sort(), ['hello 1\n', 'hello 2\n', 'hello 3\n']);
    assert.equal(docs[0].kubernetes['namespace_name'], 'default');
    const links = readdirSync(join(cluster.dataDir, 'node-agent'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((node) =>
        readdirSync(join(cluster.dataDir, 'node-agent', node.name, 'log', 'containers')).filter((name) =>
          name.startsWith('hello-logs_default_main-'),
        ),
      );
    assert.equal(links.length, 1, 'one /var/log/containers-style link for the container');
  });
});
