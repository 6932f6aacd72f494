import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  dockerUnavailable,
  kubectl,
  kubectlPath,
  startTestCluster,
  startTestNodeAgent,
  type TestCluster,
  type TestNodeAgent,
} from '#testing';

interface Pod {
  metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string };
  spec: { nodeName?: string };
  status: {
    phase?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: {
      state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
      lastState?: { terminated?: { reason?: string } };
    }[];
  };
}
interface Event {
  reason: string;
  message: string;
  type: string;
  involvedObject: { kind: string; name: string };
}

// The node agents beat a Lease every 10 s: the grace has to outlast a missed beat or every
// node would flap NotReady. Shortened from 40 s and 300 s so the failure test takes seconds.
const NODE_MONITOR_GRACE_SECONDS = 20;
const EVICTION_TOLERATION_SECONDS = 5;

const BUSYBOX = 'localhost:5000/busybox:1.36';
/** Runs as the host's sleep on the process-runtime nodes and in busybox on the Docker node. */
const SLEEP = { name: 'main', image: BUSYBOX, command: ['sleep', '3600'] };
const TOLERATE_INFRA = [{ key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' }];
const pinnedTo = (nodes: string[]) => ({
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: nodes }] }],
    },
  },
});

const skip = !kubectlPath ? 'kubectl is not on this machine' : dockerUnavailable;

// Several nodes on one machine: the cluster's own Docker node plus two process-runtime node
// agents; placement by labels, taints and cordon; a dead node's pods move; bad input gets
// clear statuses and events and crashes nothing.
describe('scheduling over several nodes and node failure, with kubectl', { skip }, () => {
  let cluster: TestCluster;
  let nodeB: TestNodeAgent;
  let nodeC: TestNodeAgent;
  let dockerNode: string;
  const k = (args: string[], input?: string) => kubectl(cluster.kubeconfigPath, args, input);
  const ok = (...args: string[]): string => {
    const r = k(args);
    assert.equal(r.status, 0, `kubectl ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  const apply = (manifest: object) => {
    const r = k(['apply', '-f', '-'], JSON.stringify(manifest));
    assert.equal(r.status, 0, `kubectl apply failed:\n${r.stderr}`);
  };
  const pod = (name: string, spec: object) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
  const getJson = async <T>(path: string): Promise<T> => JSON.parse((await cluster.request({ path })).body) as T;
  const pods = async (selector = '') =>
    (await getJson<{ items: Pod[] }>(`/api/v1/namespaces/default/pods?labelSelector=${encodeURIComponent(selector)}`))
      .items;
  const getPod = (name: string) => getJson<Pod>(`/api/v1/namespaces/default/pods/${name}`);
  const eventsFor = async (name: string) =>
    (await getJson<{ items: Event[] }>('/api/v1/namespaces/default/events')).items.filter(
      (e) => e.involvedObject.name === name,
    );
  /** Polls until check returns a value (not undefined); generous deadlines, never a timing assert. */
  const waitFor = async <T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(500);
    }
  };
  const running = (p: Pod) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp;
  const waitRunning = (name: string) =>
    waitFor(`pod ${name} Running`, async () => {
      const p = await getPod(name);
      return running(p) ? p : undefined;
    });
  const nodeLine = (name: string) => ok('get', 'nodes', name, '--no-headers');
  const webPods = async () => (await pods('app=pinned')).filter((p) => !p.metadata.deletionTimestamp);

  before(async () => {
    cluster = await startTestCluster({
      KUBENEST_NODE_MONITOR_GRACE_PERIOD_SECONDS: String(NODE_MONITOR_GRACE_SECONDS),
      KUBENEST_DEFAULT_EVICTION_TOLERATION_SECONDS: String(EVICTION_TOLERATION_SECONDS),
    });
    const agent = { kubeconfigPath: cluster.kubeconfigPath };
    nodeB = await startTestNodeAgent({ ...agent, nodeName: 'node-b', labels: { disk: 'ssd' } });
    nodeC = await startTestNodeAgent({ ...agent, nodeName: 'node-c', taints: ['dedicated=infra:NoSchedule'] });
  });
  after(async () => {
    // The cluster stops even when a node's cleanup fails, or it would hold the fixed ports.
    try {
      await Promise.all([nodeB?.cleanup(), nodeC?.cleanup()]);
    } finally {
      await cluster?.stop();
    }
  });

  it('registers the extra node agents as Ready nodes with their labels and taints', async () => {
    const lines = await waitFor('3 Ready nodes', async () => {
      const out = ok('get', 'nodes', '--no-headers').trim().split('\n');
      return out.length === 3 && out.every((l) => /\sReady\s/.test(l)) ? out : undefined;
    });
    dockerNode = lines.find((l) => /control-plane/.test(l))!.split(/\s+/)[0];
    assert.ok(dockerNode && dockerNode !== 'node-b' && dockerNode !== 'node-c', lines.join('\n'));
    assert.equal(ok('get', 'node', 'node-b', '-o', 'jsonpath={.metadata.labels.disk}'), 'ssd');
    assert.equal(
      ok('get', 'node', 'node-c', '-o', 'jsonpath={.spec.taints[0].key}={.spec.taints[0].value}'),
      'dedicated=infra',
    );
  });

  it('places a pod by nodeSelector on the labelled node', async () => {
    apply(pod('on-ssd', { nodeSelector: { disk: 'ssd' }, containers: [SLEEP] }));
    assert.equal((await waitRunning('on-ssd')).spec.nodeName, 'node-b');
  });

  it('places a pod that tolerates the taint on the tainted node', async () => {
    apply(
      pod('on-infra', {
        nodeSelector: { 'kubernetes.io/hostname': 'node-c' },
        tolerations: TOLERATE_INFRA,
        containers: [SLEEP],
      }),
    );
    assert.equal((await waitRunning('on-infra')).spec.nodeName, 'node-c');
  });

  it('spreads a Deployment pinned to two nodes over both', async () => {
    apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'pinned' },
      spec: {
        replicas: 6,
        selector: { matchLabels: { app: 'pinned' } },
        template: {
          metadata: { labels: { app: 'pinned' } },
          spec: {
            affinity: pinnedTo(['node-b', 'node-c']),
            tolerations: TOLERATE_INFRA,
            terminationGracePeriodSeconds: 1,
            containers: [SLEEP],
          },
        },
      },
    });
    ok('rollout', 'status', 'deploy/pinned', '--timeout=120s');
    const placed = (await webPods()).map((p) => p.spec.nodeName);
    assert.equal(placed.length, 6);
    assert.deepEqual(new Set(placed), new Set(['node-b', 'node-c']), placed.join(','));
  });

  it('keeps new pods off a cordoned node until it is uncordoned', async () => {
    ok('cordon', 'node-b');
    assert.match(nodeLine('node-b'), /Ready,SchedulingDisabled/);
    const before = new Set((await webPods()).map((p) => p.metadata.name));
    ok('scale', 'deploy/pinned', '--replicas=8');
    ok('rollout', 'status', 'deploy/pinned', '--timeout=120s');
    const added = (await webPods()).filter((p) => !before.has(p.metadata.name));
    assert.equal(added.length, 2);
    assert.deepEqual(
      added.map((p) => p.spec.nodeName),
      ['node-c', 'node-c'],
    );
    ok('uncordon', 'node-b');
    assert.doesNotMatch(nodeLine('node-b'), /SchedulingDisabled/);
    ok('scale', 'deploy/pinned', '--replicas=6');
    await waitFor('6 pinned pods', async () => ((await webPods()).length === 6 ? true : undefined));
  });

  it('reports a missing image as ErrImagePull, then ImagePullBackOff, with Failed events', async () => {
    apply(
      pod('no-such-image', {
        nodeName: dockerNode,
        containers: [{ name: 'main', image: 'localhost:5000/does-not-exist:1' }],
      }),
    );
    const reasons = new Set<string>();
    await waitFor('ImagePullBackOff', async () => {
      const reason = (await getPod('no-such-image')).status.containerStatuses?.[0]?.state?.waiting?.reason;
      if (reason) reasons.add(reason);
      return reason === 'ImagePullBackOff' ? true : undefined;
    });
    const events = await eventsFor('no-such-image');
    const failed = events.filter((e) => e.reason === 'Failed' && e.type === 'Warning').map((e) => e.message);
    // The status may pass ErrImagePull between two polls; the event records it for sure.
    assert.ok(failed.includes('Error: ErrImagePull'), failed.join('\n'));
    assert.ok(
      failed.some((m) => m.startsWith('Failed to pull image "localhost:5000/does-not-exist:1"')),
      failed.join('\n'),
    );
    assert.ok(
      events.some((e) => e.reason === 'BackOff' && /Back-off pulling image/.test(e.message)),
      JSON.stringify(events),
    );
  });

  for (const [runtime, node] of [
    ['docker', () => dockerNode],
    ['process', () => 'node-b'],
  ] as const) {
    it(`reports a command that does not exist clearly (${runtime} runtime)`, async () => {
      const name = `no-such-command-${runtime}`;
      apply(pod(name, { nodeName: node(), containers: [{ ...SLEEP, command: ['/no/such/command'] }] }));
      // Whichever the kubelet shows at the moment: the failed start, or the back-off after it.
      const status = await waitFor(`${name} to fail`, async () => {
        const s = (await getPod(name)).status.containerStatuses?.[0];
        const reason = s?.state?.waiting?.reason ?? s?.state?.terminated?.reason;
        return reason && reason !== 'ContainerCreating'
          ? { reason, last: s?.lastState?.terminated?.reason }
          : undefined;
      });
      assert.match(status.reason, /^(ContainerCannotRun|RunContainerError|StartError|CrashLoopBackOff)$/);
      if (status.reason === 'CrashLoopBackOff')
        assert.match(String(status.last), /^(ContainerCannotRun|StartError|Error)$/);
      const failed = (await eventsFor(name)).filter((e) => e.type === 'Warning');
      assert.ok(failed.length > 0, 'a Warning event says why');
    });
  }

  it('keeps a pod larger than any node Pending with a FailedScheduling event', async () => {
    apply(
      pod('too-big', {
        tolerations: TOLERATE_INFRA,
        containers: [{ ...SLEEP, resources: { requests: { cpu: '1000' } } }],
      }),
    );
    const event = await waitFor('FailedScheduling', async () =>
      (await eventsFor('too-big')).find((e) => e.reason === 'FailedScheduling'),
    );
    assert.match(event.message, /^0\/3 nodes are available: 3 Insufficient cpu/);
    const p = await getPod('too-big');
    assert.equal(p.status.phase, 'Pending');
    assert.equal(p.spec.nodeName, undefined);
  });

  it('refuses an invalid probe with 422 Invalid', async () => {
    const bad = pod('bad-probe', {
      containers: [{ ...SLEEP, livenessProbe: { httpGet: { path: '/', port: 0 } } }],
    });
    const r = k(['apply', '-f', '-'], JSON.stringify(bad));
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /is invalid/);
    assert.match(r.stderr, /livenessProbe\.httpGet\.port/);
    const res = await cluster.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/pods',
      body: JSON.stringify(bad),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(res.status, 422, res.body);
    assert.equal((JSON.parse(res.body) as { reason: string }).reason, 'Invalid');
  });

  it('marks a dead node NotReady, taints it and recreates its Deployment pods elsewhere', async () => {
    const onC = (await webPods()).filter((p) => p.spec.nodeName === 'node-c').map((p) => p.metadata.name);
    assert.ok(onC.length > 0, 'node-c runs some of the Deployment before it dies');
    await nodeC.kill();
    await waitFor(
      'node-c NotReady',
      async () => (/\sNotReady\s/.test(nodeLine('node-c')) ? true : undefined),
      NODE_MONITOR_GRACE_SECONDS * 1000 + 60_000,
    );
    const taints = ok('get', 'node', 'node-c', '-o', 'jsonpath={range .spec.taints[*]}{.key}:{.effect} {end}');
    assert.match(taints, /node\.kubernetes\.io\/unreachable:NoExecute/);
    assert.match(taints, /node\.kubernetes\.io\/unreachable:NoSchedule/);
    // Evicted after the default toleration; replacements can only go to node-b now.
    const replaced = await waitFor('6 running pinned pods, all on node-b', async () => {
      const now = await webPods();
      return now.length === 6 && now.every((p) => running(p) && p.spec.nodeName === 'node-b') ? now : undefined;
    });
    assert.ok(replaced.every((p) => !onC.includes(p.metadata.name)));
    assert.match(nodeLine('node-b'), /\sReady\s/);
  });

  it('leaves every component healthy after all of it', async () => {
    // controller-manager, scheduler, the Docker node agent, and the surviving extra node agent.
    const { ports } = cluster;
    const health = ['KUBENEST_CONTROLLER_MANAGER_PORT', 'KUBENEST_SCHEDULER_PORT', 'KUBENEST_NODE_AGENT_HEALTH_PORT'];
    for (const port of [...health.map((name) => ports[name]), nodeB.healthPort]) {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(res.status, 200, `port ${port}`);
    }
    assert.equal((await cluster.request({ path: '/readyz' })).status, 200);
  });
});
