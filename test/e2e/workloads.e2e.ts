import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { dockerUnavailable, kubectl, kubectlPath, startTestCluster, type TestCluster } from '#testing';

const FIXTURES = join(import.meta.dirname, '../../../test/e2e/fixtures');
const microservice = readFileSync(join(FIXTURES, 'microservice.yaml'), 'utf8');

interface PodList {
  items: {
    metadata: { name: string; deletionTimestamp?: string };
    spec: { containers: { image: string }[] };
    status: {
      phase?: string;
      conditions?: { type: string; status: string }[];
      containerStatuses?: { restartCount: number; containerID?: string }[];
    };
  }[];
}

const skip = !kubectlPath ? 'kubectl is not on this machine' : dockerUnavailable;

// The workload path end to end: kubenest up (apiserver, controller-manager, scheduler, node
// agent on Docker), the real kubectl, real containers of the locally built microservice image.
describe('workloads on a kubenest up cluster', { skip }, () => {
  let cluster: TestCluster;
  const k = (...args: string[]) => kubectl(cluster.kubeconfigPath, args);
  const ok = (...args: string[]): string => {
    const r = k(...args);
    assert.equal(r.status, 0, `kubectl ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  const pods = async (): Promise<PodList['items']> => {
    const res = await cluster.request({ path: '/api/v1/namespaces/default/pods?labelSelector=app%3Dmicroservice1' });
    return (JSON.parse(res.body) as PodList).items;
  };
  const readyPods = async () =>
    (await pods()).filter(
      (p) =>
        !p.metadata.deletionTimestamp && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    );
  const waitFor = async (what: string, condition: () => Promise<boolean>, timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}: ${JSON.stringify((await pods()).map((p) => [p.metadata.name, p.status.phase]))}`,
        );
      await sleep(300);
    }
  };

  before(async () => {
    cluster = await startTestCluster();
  });
  after(async () => {
    await cluster?.stop();
  });

  it('runs a Deployment of 5 until Available, with Running pods that answer', async () => {
    ok('apply', '-f', join(FIXTURES, 'microservice.yaml'));
    ok('rollout', 'status', 'deploy/microservice1', '--timeout=120s');
    const ready = await readyPods();
    assert.equal(ready.length, 5);
    const name = ready[0].metadata.name;
    assert.match(ok('logs', name), /microservice 1\.0 listening on :3000/);
    assert.equal(ok('exec', name, '--', 'wget', '-qO-', '127.0.0.1:3000/').trim(), `hello from ${name} (version 1.0)`);
    assert.equal(k('exec', name, '--', 'sh', '-c', 'exit 3').status, 3, 'exec returns the command exit code');
    assert.match(ok('get', 'nodes'), /\sReady\s+control-plane\s/);
    assert.ok(microservice.includes('replicas: 5'));
  });

  it('scales 5 -> 10 -> 2 and replaces a deleted pod', async () => {
    ok('scale', 'deploy/microservice1', '--replicas=10');
    await waitFor('10 ready pods', async () => (await readyPods()).length === 10);
    ok('scale', 'deploy/microservice1', '--replicas=2');
    await waitFor(
      '2 pods',
      async () =>
        (await pods()).filter((p) => !p.metadata.deletionTimestamp).length === 2 && (await pods()).length === 2,
    );
    const victim = (await pods())[0].metadata.name;
    ok('delete', 'pod', victim);
    await waitFor('a replacement', async () => {
      const now = await readyPods();
      return now.length === 2 && now.every((p) => p.metadata.name !== victim);
    });
  });

  it('restarts a killed container and counts it', async () => {
    const [pod] = await readyPods();
    const id = pod.status.containerStatuses![0].containerID!.replace('docker://', '');
    assert.equal(spawnSync('docker', ['kill', id]).status, 0);
    await waitFor('restartCount 1', async () => {
      const again = (await pods()).find((p) => p.metadata.name === pod.metadata.name);
      return (again?.status.containerStatuses?.[0].restartCount ?? 0) >= 1 && (await readyPods()).length === 2;
    });
  });

  it('rolls out v2 without ever dropping below 5 ready pods, then undoes to v1', async () => {
    ok('scale', 'deploy/microservice1', '--replicas=5');
    ok('rollout', 'status', 'deploy/microservice1', '--timeout=120s');
    ok(
      'patch',
      'deploy/microservice1',
      '--type',
      'merge',
      '-p',
      '{"spec":{"strategy":{"rollingUpdate":{"maxUnavailable":0,"maxSurge":1}}}}',
    );
    ok('set', 'image', 'deploy/microservice1', 'web=localhost:5000/microservice:2.0');
    let fewest = Infinity;
    let samples = 0;
    await waitFor(
      'all pods on v2',
      async () => {
        const ready = await readyPods();
        fewest = Math.min(fewest, ready.length);
        samples++;
        const current = (await pods()).filter((p) => !p.metadata.deletionTimestamp);
        return (
          ready.length === 5 &&
          current.length === 5 &&
          current.every((p) => p.spec.containers[0].image.endsWith(':2.0'))
        );
      },
      180_000,
    );
    assert.ok(fewest >= 5, `ready pods dropped to ${fewest} during the rollout (${samples} samples)`);
    ok('rollout', 'status', 'deploy/microservice1', '--timeout=120s');
    assert.match(ok('rollout', 'history', 'deploy/microservice1'), /^1\s[\s\S]*^2\s/m);
    ok('rollout', 'undo', 'deploy/microservice1');
    ok('rollout', 'status', 'deploy/microservice1', '--timeout=180s');
    assert.equal(
      ok('get', 'deploy/microservice1', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'),
      'localhost:5000/microservice:1.0',
    );
  });

  it('deletes a namespace with everything in it', async () => {
    ok('create', 'namespace', 'doomed');
    ok('-n', 'doomed', 'create', 'deployment', 'web', '--image=localhost:5000/microservice:1.0', '--replicas=2');
    ok('-n', 'doomed', 'rollout', 'status', 'deploy/web', '--timeout=120s');
    ok('delete', 'namespace', 'doomed', '--timeout=120s');
    assert.match(k('get', 'namespace', 'doomed').stderr, /not found/);
  });
});
