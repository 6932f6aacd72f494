import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { builtinResource, type KubeObject, type Pod } from '#api';
import { connectionFromKubeconfig, createApiClient, type ApiClient } from '#client';
import { createLogger } from '#observability';
import { buildWorkloadImages, DockerRuntime, WorkloadImages } from '#runtime';
import { startTestApiserver, type TestApiserver } from '#testing';
import { loadNodeAgentConfig } from './config/node-agent-config.js';
import { NodeAgent } from './node-agent.js';
import { Resources } from './pods/resources.js';

const EVENTS = builtinResource('events');

const NODE = 'agent-int-node';
const SCOPE = { 'io.kubenest.test': `node-agent-${process.pid}` };

/** Polls `read` until `check` holds; fails with the last value after a generous deadline. */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (check(last)) return last;
    await sleep(500);
  }
  assert.fail(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 2000)}`);
}

function pod(name: string, spec: Partial<NonNullable<Pod['spec']>>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName: NODE, containers: [], terminationGracePeriodSeconds: 5, ...spec },
  } as unknown as Pod;
}

describe('node agent with Docker against a real apiserver', () => {
  let api: TestApiserver;
  let client: ApiClient;
  let agent: NodeAgent;
  let root: string;
  const get = (name: string) => client.get<Pod>(Resources.pods, 'default', name);
  const statusOf = async (name: string, container = 'web') =>
    (await get(name))?.status?.containerStatuses?.find((c) => c.name === container);

  before(async () => {
    // The pause, busybox and microservice images this suite runs; on a fresh machine nothing else has built them yet.
    await buildWorkloadImages();
    api = await startTestApiserver();
    client = createApiClient(connectionFromKubeconfig(api.kubeconfigPath));
    root = mkdtempSync(join(tmpdir(), 'node-agent-int-'));
    const config = loadNodeAgentConfig({
      KUBENEST_KUBECONFIG: api.kubeconfigPath,
      KUBENEST_NODE_NAME: NODE,
      KUBENEST_NODE_AGENT_ROOT: root,
      KUBENEST_RUNTIME: 'docker',
    });
    const runtime = new DockerRuntime({ scopeLabels: { 'io.kubenest.node': NODE, ...SCOPE } });
    agent = new NodeAgent(config, client, runtime, createLogger('node-agent-test'), 1_000);
    await agent.start();
  });

  after(async () => {
    await agent?.stop();
    const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=io.kubenest.test=${SCOPE['io.kubenest.test']}`])
      .toString()
      .split('\n')
      .filter(Boolean);
    if (ids.length > 0) execFileSync('docker', ['rm', '-f', ...ids]);
    client?.close();
    await api?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('registers the node with capacity, conditions and a lease', async () => {
    const node = await until(
      () => client.get(Resources.nodes, undefined, NODE),
      (n) => Boolean(n),
      'node',
    );
    const status = node!.status as {
      capacity: Record<string, string>;
      conditions: { type: string; status: string; reason: string }[];
    };
    assert.equal(status.capacity['pods'], '110');
    assert.match(status.capacity['memory'], /^\d+Ki$/);
    const ready = status.conditions.find((c) => c.type === 'Ready');
    assert.deepEqual([ready?.status, ready?.reason], ['True', 'KubeletReady']);
    const lease = await client.get(Resources.leases, 'kube-node-lease', NODE);
    assert.equal((lease!.spec as { holderIdentity: string }).holderIdentity, NODE);
  });

  it('runs a microservice pod to Running and Ready with a pod IP, env and $(VAR) expansion', async () => {
    await client.create(
      Resources.pods,
      pod('web', {
        containers: [
          {
            name: 'web',
            image: WorkloadImages.microservice.v1,
            env: [
              { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'GREETING', value: 'hi $(POD_NAME)' },
            ],
            readinessProbe: { httpGet: { path: '/readyz', port: 3000 }, periodSeconds: 1 },
          },
        ],
      }),
    );
    const running = await until(
      () => get('web'),
      (p) =>
        p?.status?.phase === 'Running' &&
        p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true,
      'web Running and Ready',
    );
    assert.match(running!.status!.podIP ?? '', /^\d+\.\d+\.\d+\.\d+$/);
    const web = running!.status!.containerStatuses![0];
    assert.equal(web.ready, true);
    assert.match(web.containerID ?? '', /^docker:\/\//);
    const id = web.containerID!.slice('docker://'.length);
    const env = execFileSync('docker', ['exec', id, 'sh', '-c', 'echo $GREETING']).toString().trim();
    assert.equal(env, 'hi web');
  });

  it('restarts a container killed with docker kill and counts the restart', async () => {
    const before = await statusOf('web');
    execFileSync('docker', ['kill', before!.containerID!.slice('docker://'.length)]);
    const after = await until(
      () => statusOf('web'),
      (s) => (s?.restartCount ?? 0) >= 1 && Boolean(s?.state?.running),
      'a restarted web container',
    );
    assert.notEqual(after!.containerID, before!.containerID);
    assert.ok(after!.lastState?.terminated, 'lastState holds the killed instance');
  });

  it('backs a crash-looping container off with growing delays', async () => {
    await client.create(
      Resources.pods,
      pod('crash', { containers: [{ name: 'web', image: WorkloadImages.busybox, command: ['sh', '-c', 'exit 3'] }] }),
    );
    const messages: string[] = [];
    await until(
      async () => {
        const s = await statusOf('crash');
        const message = s?.state?.waiting?.reason === 'CrashLoopBackOff' ? s.state.waiting.message : undefined;
        if (message && !messages.includes(message)) messages.push(message);
        return messages;
      },
      (m) => m.length >= 2,
      'two distinct back-off messages',
      120_000,
    );
    const delays = messages.map((m) =>
      Number(/back-off (\d+)s restarting failed container=web pod=crash_default/.exec(m)?.[1]),
    );
    assert.ok(delays.every(Number.isFinite), `messages: ${messages.join(' | ')}`);
    assert.ok(delays[1] > delays[0], `delays grow: ${delays.join(', ')}`);
    const last = await statusOf('crash');
    assert.equal(last!.lastState?.terminated?.exitCode, 3);
  });

  it('reports ErrImagePull then ImagePullBackOff for a missing image', async () => {
    await client.create(
      Resources.pods,
      pod('missing-image', { containers: [{ name: 'web', image: 'localhost:5000/does-not-exist:1.0' }] }),
    );
    // The ErrImagePull waiting reason lasts only until the back-off starts, so a poll can miss
    // it; the kubelet's "Error: ErrImagePull" event stays, so that is what proves it.
    await until(
      async () => (await statusOf('missing-image'))?.state?.waiting?.reason,
      (reason) => reason === 'ImagePullBackOff',
      'ImagePullBackOff',
      90_000,
    );
    const events = await client.list<KubeObject & { reason?: string; message?: string }>(EVENTS, {
      namespace: 'default',
      fieldSelector: 'involvedObject.name=missing-image',
    });
    assert.ok(
      events.items.some((e) => e.reason === 'Failed' && e.message === 'Error: ErrImagePull'),
      JSON.stringify(events.items.map((e) => `${e.reason}: ${e.message}`)),
    );
    assert.equal((await get('missing-image'))!.status!.phase, 'Pending');
  });

  it('reports a missing ConfigMap key as CreateContainerConfigError', async () => {
    await client.create(
      Resources.pods,
      pod('config-error', {
        containers: [
          {
            name: 'web',
            image: WorkloadImages.busybox,
            command: ['sleep', '3600'],
            env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'absent', key: 'k' } } }],
          },
        ],
      }),
    );
    const s = await until(
      () => statusOf('config-error'),
      (x) => x?.state?.waiting?.reason === 'CreateContainerConfigError',
      'CreateContainerConfigError',
    );
    assert.equal(s!.state!.waiting!.message, 'configmap "absent" not found');
  });

  it('deletes a pod gracefully: containers stopped and removed, then the pod is gone', async () => {
    const uid = (await get('web'))!.metadata.uid!;
    await client.delete(Resources.pods, 'default', 'web', { gracePeriodSeconds: 5 });
    await until(
      () => get('web'),
      (p) => p === undefined,
      'web deleted',
    );
    const left = execFileSync('docker', ['ps', '-aq', '--filter', `label=io.kubernetes.pod.uid=${uid}`])
      .toString()
      .trim();
    assert.equal(left, '');
  });
});
