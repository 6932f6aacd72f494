/**
 * The Deployment controller with the real ReplicaSet controller, in this process, against a
 * real apiserver and Redis, driven by the real kubectl. No scheduler or node agent runs: a
 * helper plays the kubelet's part by writing Running + Ready pod status.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Deployment, Pod, ReplicaSet } from '#api';
import { createApiClient, type ApiClient } from '#client';
import { kubectl, kubectlPath, startTestApiserver, type TestApiserver } from '#testing';
import { waitUntil } from '#reconcile/testing';
import { startTestController } from '../../testing/start-test-controller.js';
import { replicaSetKind } from '../replication/replica-set-kind.js';
import { replicationControllerDefinition } from '../replication/replication-controller-definition.js';
import { deploymentController } from './index.js';
import { RESOURCE_TYPES } from './resource-types.js';

const DEADLINE_MS = 120_000;
const isReady = (pod: Pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

const manifest = JSON.stringify({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 4,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1.0' }] } },
  },
});

describe(
  'Deployment controller (real apiserver, Redis, kubectl, ReplicaSet controller)',
  { skip: !kubectlPath && 'no kubectl' },
  () => {
    let api: TestApiserver;
    let client: ApiClient;
    const stops: (() => Promise<void>)[] = [];
    let kubeletRunning = true;
    let kubelet: Promise<void> | undefined;

    const ctl = (...args: string[]) => {
      const result = kubectl(api.kubeconfigPath, args);
      assert.equal(result.status, 0, `kubectl ${args.join(' ')}: ${result.stderr}${result.stdout}`);
      return result.stdout;
    };
    const pods = async () =>
      (await client.list<Pod>(RESOURCE_TYPES.pods, { namespace: 'default', labelSelector: 'app=web' })).items.filter(
        (p) => !p.metadata.deletionTimestamp,
      );
    const replicaSets = async () =>
      (await client.list<ReplicaSet>(RESOURCE_TYPES.replicaSets, { namespace: 'default' })).items;
    const deployment = async () => (await client.get<Deployment>(RESOURCE_TYPES.deployments, 'default', 'web'))!;
    /** kubectl rollout status without blocking this process's event loop, where the controllers run. */
    const rolloutStatus = async () => {
      const child = spawn(kubectlPath!, ['rollout', 'status', 'deploy/web', `--timeout=${DEADLINE_MS / 1000}s`], {
        env: {
          ...process.env,
          KUBECONFIG: api.kubeconfigPath,
          KUBECACHEDIR: join(dirname(api.kubeconfigPath), 'kube-cache'),
        },
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const [code] = await once(child, 'exit');
      assert.equal(code, 0, `kubectl rollout status: ${output}`);
      return output;
    };
    const templateImage = async () => (await deployment()).spec!.template.spec!.containers[0].image;

    /** Stands in for the kubelet: a pod older than 300 ms becomes Running and Ready. */
    async function runKubelet(): Promise<void> {
      while (kubeletRunning) {
        for (const pod of await pods().catch(() => [] as Pod[])) {
          if (isReady(pod) || Date.now() - Date.parse(pod.metadata.creationTimestamp!) < 300) continue;
          const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
          const status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] };
          await client
            .update(RESOURCE_TYPES.pods, { ...pod, status }, { subresource: 'status' })
            .catch(() => undefined);
        }
        await sleep(100);
      }
    }

    before(async () => {
      api = await startTestApiserver();
      client = createApiClient({ server: api.url, caPem: api.caPem, token: api.token });
      stops.push(await startTestController(api, replicationControllerDefinition(replicaSetKind)));
      stops.push(await startTestController(api, deploymentController));
      kubelet = runKubelet();
    });
    after(async () => {
      kubeletRunning = false;
      await kubelet;
      for (const stop of stops.reverse()) await stop();
      client?.close();
      await api?.stop();
    });

    it('rolls out, then `set image` rolls within maxUnavailable 1 (never under 3 ready) to 4 updated pods', async () => {
      const applied = kubectl(api.kubeconfigPath, ['apply', '-f', '-'], manifest);
      assert.equal(applied.status, 0, applied.stderr);
      await rolloutStatus();
      assert.equal((await pods()).filter(isReady).length, 4);

      let sampling = true;
      let minReady = Infinity;
      const sampler = (async () => {
        while (sampling) {
          minReady = Math.min(minReady, (await pods()).filter(isReady).length);
          await sleep(50);
        }
      })();
      ctl('set', 'image', 'deploy/web', 'web=web:2.0');
      // kubectl 1.32 rollout status polls with its own watch; it returns only once the rollout is complete.
      const status = await rolloutStatus();
      sampling = false;
      await sampler;
      assert.match(status, /successfully rolled out/);
      assert.ok(minReady >= 3, `only ${minReady} ready pods were sampled during the rollout`);

      const d = await deployment();
      assert.equal(d.status!.updatedReplicas, 4);
      assert.equal(d.metadata.annotations!['deployment.kubernetes.io/revision'], '2');
      const current = (await pods()).map((p) => p.spec!.containers[0].image);
      await waitUntil(
        async () => (await pods()).every((p) => p.spec!.containers[0].image === 'web:2.0'),
        DEADLINE_MS,
        'only v2 pods',
      );
      assert.ok(current.includes('web:2.0'));
      assert.equal((await replicaSets()).length, 2);
    });

    it('`rollout history` lists both revisions and `rollout undo` returns to the v1 template as revision 3', async () => {
      const history = ctl('rollout', 'history', 'deploy/web');
      assert.match(history, /^1\s/m);
      assert.match(history, /^2\s/m);

      ctl('rollout', 'undo', 'deploy/web');
      await rolloutStatus();
      assert.equal(await templateImage(), 'web:1.0');
      const d = await deployment();
      assert.equal(d.metadata.annotations!['deployment.kubernetes.io/revision'], '3');
      const rsList = await replicaSets();
      assert.equal(rsList.length, 2, 'the v1 RS became new again rather than a third RS');
      const v1 = rsList.find((rs) => rs.spec!.template!.spec!.containers[0].image === 'web:1.0')!;
      assert.equal(v1.spec!.replicas, 4);
      assert.equal(v1.metadata.annotations!['deployment.kubernetes.io/revision'], '3');
    });

    it('`rollout pause` holds a template change (no new RS), `rollout resume` rolls it out', async () => {
      ctl('rollout', 'pause', 'deploy/web');
      ctl('set', 'image', 'deploy/web', 'web=web:3.0');
      await waitUntil(
        async () => {
          const d = await deployment();
          const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
          return d.status?.observedGeneration === d.metadata.generation && progressing?.reason === 'DeploymentPaused';
        },
        DEADLINE_MS,
        'the paused Deployment observed',
      );
      assert.equal((await replicaSets()).length, 2, 'no RS for web:3.0 while paused');

      ctl('rollout', 'resume', 'deploy/web');
      await rolloutStatus();
      const rsList = await replicaSets();
      const v3 = rsList.find((rs) => rs.spec!.template!.spec!.containers[0].image === 'web:3.0');
      assert.equal(v3?.spec!.replicas, 4);
    });

    it('`rollout restart` stamps restartedAt into the template and rolls a new RS', async () => {
      const before = new Set((await replicaSets()).map((rs) => rs.metadata.name));
      ctl('rollout', 'restart', 'deploy/web');
      await rolloutStatus();
      const d = await deployment();
      assert.ok(d.spec!.template.metadata!.annotations?.['kubectl.kubernetes.io/restartedAt']);
      const created = (await replicaSets()).filter((rs) => !before.has(rs.metadata.name));
      assert.equal(created.length, 1);
      assert.equal(created[0].spec!.replicas, 4);
      assert.equal(d.status!.updatedReplicas, 4);
    });
  },
);
