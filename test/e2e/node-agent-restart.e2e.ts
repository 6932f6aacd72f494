import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  dockerUnavailable,
  freePort,
  kubectl,
  kubectlPath,
  startTestApiserver,
  startTestCluster,
  type TestApiserver,
  type TestCluster,
} from '#testing';

const ROOT = resolve(import.meta.dirname, '../../..');
const skip = !kubectlPath ? 'kubectl is not on this machine' : dockerUnavailable;

interface PodItem {
  metadata: { name: string; uid: string; annotations?: Record<string, string>; deletionTimestamp?: string };
  status: {
    phase?: string;
    podIP?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: { restartCount: number; containerID?: string }[];
  };
}

const isReady = (pod: PodItem) =>
  !pod.metadata.deletionTimestamp && pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

/** Polls `read` until `done` holds of its result; generous deadlines, no timing asserts. */
async function waitFor<T>(what: string, read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await sleep(500);
  }
}

function kubectlOk(kubeconfig: string, args: string[], input?: string): string {
  const r = kubectl(kubeconfig, args, input);
  assert.equal(r.status, 0, `kubectl ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

const podsOf = (kubeconfig: string, ...args: string[]): PodItem[] =>
  (JSON.parse(kubectlOk(kubeconfig, ['get', 'pods', '-o', 'json', ...args])) as { items: PodItem[] }).items;

describe('control-plane mirror pods on a kubenest up cluster', { skip }, () => {
  let cluster: TestCluster;
  const mirrors = () => podsOf(cluster.kubeconfigPath, '-n', 'kube-system');
  const components = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];

  before(async () => {
    cluster = await startTestCluster();
  });
  after(async () => {
    await cluster?.stop();
  });

  it('lists one Running, Ready mirror pod per component in kube-system, recreated when deleted', async () => {
    const pods = await waitFor(
      'four ready mirror pods',
      mirrors,
      (items) => items.filter(isReady).length === components.length,
    );
    for (const component of components) {
      const pod = pods.find((p) => p.metadata.name.startsWith(`${component}-`));
      assert.ok(pod, `a mirror pod for ${component}: ${pods.map((p) => p.metadata.name).join(' ')}`);
      assert.equal(pod.status.phase, 'Running');
      assert.equal(pod.status.podIP, '127.0.0.1');
      assert.ok(pod.metadata.annotations?.['kubernetes.io/config.mirror'], 'marked as a mirror pod');
      assert.equal(pod.metadata.annotations?.['kubernetes.io/config.source'], 'file');
      const pid = Number(pod.metadata.annotations?.['kubenest.io/pid']);
      assert.ok(pid > 0 && spawnSync('kill', ['-0', String(pid)]).status === 0, `pid ${pid} of ${component} is alive`);
    }
    const table = kubectlOk(cluster.kubeconfigPath, ['get', 'pods', '-n', 'kube-system']);
    for (const component of components) assert.match(table, new RegExp(`^${component}-\\S+\\s+1/1\\s+Running\\s`, 'm'));

    const scheduler = pods.find((p) => p.metadata.name.startsWith('kube-scheduler-'))!;
    kubectlOk(cluster.kubeconfigPath, ['delete', 'pod', '-n', 'kube-system', scheduler.metadata.name, '--wait=false']);
    await waitFor('the deleted mirror pod to come back', mirrors, (items) =>
      items.some((p) => p.metadata.name === scheduler.metadata.name && p.metadata.uid !== scheduler.metadata.uid),
    );
  });
});

/**
 * A component process of the test's own (`node dist/apps/<name>/src/main.js`), logging to a file.
 * Not #testing's startTestNodeAgent: that one runs the process runtime in a fresh root dir per
 * start, and adoption needs the Docker runtime and the same node restarted; this also runs the
 * controller-manager and scheduler.
 */
class ComponentProcess {
  private child!: ChildProcess;
  private exited!: Promise<unknown>;

  constructor(
    private readonly name: string,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  start(): this {
    const log = createWriteStream(join(this.logDir, `${this.name}.log`), { flags: 'a' });
    this.child = spawn(process.execPath, ['--enable-source-maps', join(ROOT, 'dist/apps', this.name, 'src/main.js')], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.pipe(log);
    this.child.stderr!.pipe(log);
    this.exited = once(this.child, 'exit');
    return this;
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill(signal);
      await this.exited;
    }
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

async function answers(url: string): Promise<boolean> {
  return fetch(url)
    .then((res) => res.ok)
    .catch(() => false);
}

// The kubelet's restart contract: its containers outlive it, and a new kubelet adopts them.
// Run against the test's own apiserver, controller-manager, scheduler and node agent rather
// than `kubenest up`, because up stops the whole cluster when one component dies (it restarts
// nothing), and because here every port is a free one, so this never collides with another
// cluster on the fixed kubelet/controller-manager/scheduler ports.
describe('node agent restart', { skip }, () => {
  let apiserver: TestApiserver;
  let dir: string;
  let agentEnv: Record<string, string>;
  let healthPort: number;
  const processes: ComponentProcess[] = [];
  const nodeName = `restart-${process.pid}`;
  const k = (args: string[], input?: string) => kubectlOk(apiserver.kubeconfigPath, args, input);
  const appPods = () =>
    podsOf(apiserver.kubeconfigPath, '-l', 'app=sleeper').filter((p) => !p.metadata.deletionTimestamp);
  const startAgent = async () => {
    const agent = new ComponentProcess('node-agent', agentEnv, dir).start();
    processes.push(agent);
    await waitFor('the node agent to be ready', () => answers(`http://127.0.0.1:${healthPort}/readyz`), Boolean);
    return agent;
  };

  before(async () => {
    apiserver = await startTestApiserver();
    dir = mkdtempSync(join(tmpdir(), 'kubenest-agent-restart-'));
    const common = { KUBENEST_KUBECONFIG: apiserver.kubeconfigPath, REDIS_URL: apiserver.redis.url };
    processes.push(
      new ComponentProcess(
        'controller-manager',
        { ...common, KUBENEST_CONTROLLER_MANAGER_PORT: String(await freePort()) },
        dir,
      ).start(),
      new ComponentProcess('scheduler', { ...common, KUBENEST_SCHEDULER_PORT: String(await freePort()) }, dir).start(),
    );
    healthPort = await freePort();
    agentEnv = {
      KUBENEST_KUBECONFIG: apiserver.kubeconfigPath,
      KUBENEST_NODE_NAME: nodeName,
      KUBENEST_NODE_AGENT_ROOT: join(dir, 'root'),
      KUBENEST_STATIC_POD_PATH: join(dir, 'manifests'),
      KUBENEST_RUNTIME: 'docker',
      KUBENEST_NODE_IP: '127.0.0.1',
      KUBENEST_HEALTH_PORT: String(healthPort),
      KUBENEST_KUBELET_PORT: String(await freePort()),
      KUBENEST_KUBELET_BIND_ADDRESS: '127.0.0.1',
    };
  });

  after(async () => {
    for (const p of processes.reverse()) await p.kill('SIGTERM');
    // The agent leaves containers running by design: remove what this node ran.
    const ids = spawnSync('docker', ['ps', '-aq', '--filter', `label=io.kubenest.node=${nodeName}`], {
      encoding: 'utf8',
    }).stdout.split('\n');
    if (ids.some(Boolean)) spawnSync('docker', ['rm', '-f', ...ids.filter(Boolean)], { stdio: 'ignore' });
    await apiserver?.stop();
    if (dir && !process.env['KUBENEST_KEEP_TEST_DATA']) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps containers running while the agent is SIGKILLed, and the restarted agent adopts them', async () => {
    let agent = await startAgent();
    k(['apply', '-f', '-'], deployment(3));
    const before = await waitFor('3 ready pods', appPods, (pods) => pods.filter(isReady).length === 3);
    const containerOf = (pod: PodItem) => pod.status.containerStatuses![0];
    const dockerId = (pod: PodItem) => containerOf(pod).containerID!.replace(/^docker:\/\//, '');

    await agent.kill('SIGKILL');
    for (const pod of before) assert.equal(dockerState(dockerId(pod)), 'true', `${pod.metadata.name} runs on`);

    agent = await startAgent();
    // A 4th replica Ready proves the new agent syncs pods; by then it has synced the first three.
    k(['scale', 'deploy/sleeper', '--replicas=4']);
    const afterRestart = await waitFor('4 ready pods', appPods, (pods) => pods.filter(isReady).length === 4);
    assert.ok(agent.running);
    for (const old of before) {
      const now = afterRestart.find((p) => p.metadata.uid === old.metadata.uid);
      assert.ok(now && isReady(now), `${old.metadata.name} is still there and Ready`);
      assert.equal(containerOf(now).containerID, containerOf(old).containerID, 'the same container, adopted');
      assert.equal(containerOf(now).restartCount, containerOf(old).restartCount);
      assert.equal(dockerState(dockerId(now)), 'true');
      const running = spawnSync(
        'docker',
        [
          'ps',
          '-q',
          '--filter',
          `label=io.kubernetes.pod.uid=${old.metadata.uid}`,
          '--filter',
          'label=io.kubernetes.container.name=sleeper',
        ],
        { encoding: 'utf8' },
      ).stdout.split('\n');
      assert.equal(running.filter(Boolean).length, 1, `one sleeper container for ${old.metadata.name}, not a second`);
    }
  });
});

function dockerState(id: string): string {
  return spawnSync('docker', ['inspect', '-f', '{{.State.Running}}', id], { encoding: 'utf8' }).stdout.trim();
}

/** A Deployment whose container only sleeps; the image is one `kubenest up` pushes to the local registry. */
function deployment(replicas: number): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'sleeper', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'sleeper' } },
      template: {
        metadata: { labels: { app: 'sleeper' } },
        spec: {
          terminationGracePeriodSeconds: 1,
          containers: [
            {
              name: 'sleeper',
              image: 'localhost:5000/busybox:1.36',
              imagePullPolicy: 'IfNotPresent',
              command: ['sleep', '3600'],
            },
          ],
        },
      },
    },
  });
}
