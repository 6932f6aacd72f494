import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { dockerUnavailable, freePort, kubectl, kubectlPath, startTestCluster, type TestCluster } from '#testing';

const skip = !kubectlPath ? 'kubectl is not on this machine' : dockerUnavailable;

// A pod that keeps a fifth of a core busy (its CPU limit caps the loop), and an idle one.
const PODS = `
apiVersion: v1
kind: Pod
metadata: {name: burner, labels: {app: burner}}
spec:
  containers:
  - name: loop
    image: localhost:5000/busybox:1.36
    command: ["sh", "-c", "while true; do :; done"]
    resources: {limits: {cpu: 200m, memory: 64Mi}}
  - name: idle
    image: localhost:5000/busybox:1.36
    command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - name: web
    image: localhost:5000/microservice:1.0
`;

/** "123m" -> 123, "2" -> 2000 (kubectl top prints millicores); "45Mi" -> 45. */
const millicores = (cell: string) => (cell.endsWith('m') ? Number(cell.slice(0, -1)) : Number(cell) * 1000);
const mebibytes = (cell: string) => Number(cell.replace(/Mi$/, ''));

// kubectl top against the metrics.k8s.io API the apiserver serves from the node agents' samples.
describe('resource metrics: kubectl top', { skip }, () => {
  let cluster: TestCluster;
  const healthPorts: Record<string, number> = {};
  const k = (...args: string[]) => kubectl(cluster.kubeconfigPath, args);
  const rows = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/));
  /** Retries a kubectl command until `done` accepts its output (metrics appear after two samples). */
  const eventually = async (args: string[], done: (table: string[][]) => boolean): Promise<string[][]> => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const r = k(...args);
      const last = r.stdout + r.stderr;
      if (r.status === 0 && done(rows(r.stdout))) return rows(r.stdout);
      if (Date.now() > deadline) throw new Error(`kubectl ${args.join(' ')} never gave the expected table:\n${last}`);
      await sleep(1000);
    }
  };

  before(async () => {
    for (const name of [
      'KUBENEST_NODE_AGENT_HEALTH_PORT',
      'KUBENEST_CONTROLLER_MANAGER_PORT',
      'KUBENEST_SCHEDULER_PORT',
    ])
      healthPorts[name] = await freePort();
    cluster = await startTestCluster({
      KUBENEST_METRICS_INTERVAL_SECONDS: '2',
      ...Object.fromEntries(Object.entries(healthPorts).map(([name, port]) => [name, String(port)])),
    });
    const applied = kubectl(cluster.kubeconfigPath, ['apply', '-f', '-'], PODS);
    assert.equal(applied.status, 0, applied.stderr);
    const waited = k('wait', '--for=condition=Ready', 'pod/burner', 'pod/web', '--timeout=120s');
    assert.equal(waited.status, 0, waited.stderr);
  });
  after(async () => {
    await cluster?.stop();
  });

  it('lists metrics.k8s.io in discovery, so kubectl top finds the Metrics API', () => {
    const groups = k('api-versions');
    assert.match(groups.stdout, /^metrics\.k8s\.io\/v1beta1$/m);
    const resources = k('api-resources', '--api-group=metrics.k8s.io', '--no-headers');
    assert.match(resources.stdout, /^nodes\s+metrics\.k8s\.io\/v1beta1\s+false\s+NodeMetrics$/m);
    assert.match(resources.stdout, /^pods\s+metrics\.k8s\.io\/v1beta1\s+true\s+PodMetrics$/m);
  });

  it('kubectl top nodes shows the node with CPU and memory in use', async () => {
    const table = await eventually(['top', 'nodes'], (t) => t.length === 2);
    assert.deepEqual(table[0], ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    const [, cpu, cpuPercent, memory] = table[1];
    assert.ok(millicores(cpu) > 0, `node CPU ${cpu}`);
    assert.match(cpuPercent, /^\d+%$/);
    assert.ok(mebibytes(memory) > 100, `node memory ${memory}`);
  });

  it('kubectl top pods shows the busy pod using CPU and both pods using memory', async () => {
    const table = await eventually(
      ['top', 'pods'],
      (t) => t.length === 3 && t.some((r) => r[0] === 'burner' && millicores(r[1]) > 20),
    );
    assert.deepEqual(table[0], ['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const burner = table.find((r) => r[0] === 'burner')!;
    // The loop is capped at 200m by its limit; it cannot use more.
    assert.ok(millicores(burner[1]) <= 260, `burner CPU ${burner[1]}`);
    const web = table.find((r) => r[0] === 'web')!;
    assert.ok(mebibytes(web[2]) >= 0 && /Mi$/.test(web[2]), `web memory ${web[2]}`);
  });

  it('kubectl top pods -l, --containers and -A', async () => {
    const selected = await eventually(['top', 'pods', '-l', 'app=burner', '--containers'], (t) => t.length === 3);
    assert.deepEqual(selected[0], ['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const byContainer = new Map(selected.slice(1).map((r) => [r[1], r]));
    assert.deepEqual([...byContainer.keys()].sort(), ['idle', 'loop']);
    assert.ok(millicores(byContainer.get('loop')![2]) > millicores(byContainer.get('idle')![2]));
    const all = await eventually(['top', 'pods', '-A'], (t) => t.length >= 3);
    assert.deepEqual(all[0], ['NAMESPACE', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    assert.ok(all.some((r) => r[0] === 'default' && r[1] === 'web'));
  });

  it('answers NotFound for a pod without metrics and serves one pod by name', async () => {
    const missing = k('get', '--raw', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope');
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /NotFound|not found/);
    const one = k('get', '--raw', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/web');
    assert.equal(one.status, 0, one.stderr);
    const metrics = JSON.parse(one.stdout) as {
      kind: string;
      window: string;
      containers: { name: string; usage: { cpu: string; memory: string } }[];
    };
    assert.equal(metrics.kind, 'PodMetrics');
    assert.match(metrics.window, /^\d+s$/);
    assert.deepEqual(
      metrics.containers.map((c) => c.name),
      ['web'],
    );
    assert.match(metrics.containers[0].usage.cpu, /^\d+n$/);
    assert.match(metrics.containers[0].usage.memory, /^\d+Ki$/);
  });

  it('serves Prometheus /metrics on every component', async () => {
    const apiserver = await cluster.request({ path: '/metrics' });
    assert.equal(apiserver.status, 200);
    assert.match(apiserver.body, /^apiserver_request_total\{/m);
    const expected: Record<string, RegExp> = {
      KUBENEST_NODE_AGENT_HEALTH_PORT: /^kubenest_metrics_documents_dropped_total 0$/m,
      KUBENEST_CONTROLLER_MANAGER_PORT: /^process_cpu_seconds_total /m,
      KUBENEST_SCHEDULER_PORT: /^workqueue_adds_total\{name="scheduler"\} \d+$/m,
    };
    for (const [name, pattern] of Object.entries(expected)) {
      const res = await fetch(`http://127.0.0.1:${healthPorts[name]}/metrics`);
      assert.equal(res.status, 200, name);
      assert.match(await res.text(), pattern, name);
    }
  });
});
