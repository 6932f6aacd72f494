import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import * as k8s from '@kubernetes/client-node';
import { startTestApiserver, type TestApiserver } from '#testing';

const NS = 'client-node';

/** One realistic object of every kind kubenest serves. */
function manifests(): k8s.KubernetesObject[] {
  const labels = { app: 'web' };
  const template = {
    metadata: { labels },
    spec: { containers: [{ name: 'web', image: 'localhost:5000/microservice:1.0' }] },
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: NS },
      data: { a: '1' },
    } as k8s.V1ConfigMap,
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'sec', namespace: NS },
      data: { password: Buffer.from('s3cret').toString('base64') },
    } as k8s.V1Secret,
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pod', namespace: NS, labels },
      spec: template.spec,
    } as k8s.V1Pod,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc', namespace: NS },
      spec: { selector: labels, ports: [{ port: 80, targetPort: 3000 }] },
    } as k8s.V1Service,
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'ext', namespace: NS },
      subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80 }] }],
    } as k8s.V1Endpoints,
    {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc', namespace: NS },
      spec: { replicas: 2, selector: labels, template },
    } as k8s.V1ReplicationController,
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs', namespace: NS },
      spec: { replicas: 2, selector: { matchLabels: labels }, template },
    } as k8s.V1ReplicaSet,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'deploy', namespace: NS },
      spec: { replicas: 2, selector: { matchLabels: labels }, template },
    } as k8s.V1Deployment,
    {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'lease', namespace: NS },
      spec: { holderIdentity: 'a', leaseDurationSeconds: 15 },
    } as k8s.V1Lease,
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'pod.1', namespace: NS },
      involvedObject: { kind: 'Pod', name: 'pod', namespace: NS },
      reason: 'Tested',
      message: 'created by a test',
      type: 'Normal',
    } as k8s.CoreV1Event,
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-a', labels: { 'kubernetes.io/hostname': 'node-a' } },
      spec: {},
    } as k8s.V1Node,
  ];
}

describe('@kubernetes/client-node against kubenest', () => {
  let server: TestApiserver;
  let kc: k8s.KubeConfig;

  before(async () => {
    server = await startTestApiserver();
    kc = new k8s.KubeConfig();
    kc.loadFromFile(server.kubeconfigPath);
    await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: NS } } });
  });
  after(async () => {
    await server?.stop();
  });

  it('creates, reads, lists, replaces, patches and deletes every kind', async () => {
    const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    for (const manifest of manifests()) {
      const what = `${manifest.kind}/${manifest.metadata!.name}`;
      const created = await objects.create(manifest);
      assert.ok(created.metadata?.uid, `${what} got a uid`);
      assert.ok(created.metadata?.resourceVersion, `${what} got a resourceVersion`);

      const read = await objects.read({
        apiVersion: manifest.apiVersion!,
        kind: manifest.kind!,
        metadata: { name: manifest.metadata!.name!, namespace: manifest.metadata!.namespace },
      });
      assert.equal(read.metadata?.uid, created.metadata?.uid, `${what} reads back`);

      const list = await objects.list(manifest.apiVersion!, manifest.kind!, manifest.metadata!.namespace);
      assert.ok(
        list.items.some((i) => i.metadata?.name === manifest.metadata!.name),
        `${what} is listed`,
      );

      read.metadata!.labels = { ...read.metadata!.labels, replaced: 'yes' };
      const replaced = await objects.replace(read);
      assert.equal(replaced.metadata?.labels?.replaced, 'yes', `${what} replaced`);
      assert.notEqual(replaced.metadata?.resourceVersion, read.metadata?.resourceVersion);

      const patched: k8s.KubernetesObject = await objects.patch<k8s.KubernetesObject>(
        {
          apiVersion: manifest.apiVersion!,
          kind: manifest.kind!,
          metadata: {
            name: manifest.metadata!.name!,
            namespace: manifest.metadata!.namespace,
            annotations: { patched: 'yes' },
          },
        },
        undefined,
        undefined,
        undefined,
        undefined,
        k8s.PatchStrategy.MergePatch,
      );
      assert.equal(patched.metadata?.annotations?.patched, 'yes', `${what} patched`);
      assert.equal(patched.metadata?.labels?.replaced, 'yes', `${what} patch kept the labels`);

      await assert.rejects(
        objects.replace(read),
        (e: k8s.ApiException<unknown>) => e.code === 409,
        `${what} stale replace is a conflict`,
      );
      const header = {
        apiVersion: manifest.apiVersion!,
        kind: manifest.kind!,
        metadata: { name: manifest.metadata!.name!, namespace: manifest.metadata!.namespace },
      };
      await objects.delete(header);
      await assert.rejects(objects.read(header), (e: k8s.ApiException<unknown>) => e.code === 404, `${what} is gone`);
    }
  });

  it('typed clients see Kubernetes defaults and status subresources', async () => {
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const d = await apps.createNamespacedDeployment({
      namespace: NS,
      body: manifests().find((m) => m.kind === 'Deployment') as k8s.V1Deployment,
    });
    assert.equal(d.spec?.strategy?.type, 'RollingUpdate');
    assert.equal(d.spec?.revisionHistoryLimit, 10);
    assert.equal(d.spec?.progressDeadlineSeconds, 600);
    assert.equal(d.spec?.template.spec?.restartPolicy, 'Always');
    assert.equal(d.spec?.template.spec?.containers[0].imagePullPolicy, 'IfNotPresent');
    assert.equal(d.metadata?.generation, 1);

    const withStatus = await apps.replaceNamespacedDeploymentStatus({
      name: 'deploy',
      namespace: NS,
      body: { ...d, status: { replicas: 2, readyReplicas: 1, observedGeneration: 1 } },
    });
    assert.equal(withStatus.status?.readyReplicas, 1);
    assert.equal(withStatus.metadata?.generation, 1, 'a status write does not bump generation');
    const scaled = await apps.replaceNamespacedDeploymentScale({
      name: 'deploy',
      namespace: NS,
      body: { metadata: { name: 'deploy', namespace: NS }, spec: { replicas: 4 } },
    });
    assert.equal(scaled.spec?.replicas, 4);
    const after = await apps.readNamespacedDeployment({ name: 'deploy', namespace: NS });
    assert.equal(after.metadata?.generation, 2, 'a spec change bumps generation');
    assert.equal(after.status?.readyReplicas, 1, 'a spec write keeps status');
  });

  it('deletes a collection by label selector', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    for (const name of ['dc-a', 'dc-b', 'dc-keep']) {
      await core.createNamespacedConfigMap({
        namespace: NS,
        body: { metadata: { name, labels: { sweep: name === 'dc-keep' ? 'no' : 'yes' } } },
      });
    }
    await core.deleteCollectionNamespacedConfigMap({ namespace: NS, labelSelector: 'sweep=yes' });
    const left = await core.listNamespacedConfigMap({ namespace: NS, labelSelector: 'sweep' });
    assert.deepEqual(
      left.items.map((c) => c.metadata?.name),
      ['dc-keep'],
    );
  });

  it('keeps an informer in sync with the store under churn', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const path = `/api/v1/namespaces/${NS}/configmaps`;
    const informer = k8s.makeInformer(kc, path, () => core.listNamespacedConfigMap({ namespace: NS }));
    const errors: unknown[] = [];
    informer.on('error', (e) => errors.push(e));
    await informer.start();
    try {
      // Churn: creates, updates and deletes from several concurrent writers.
      const writers = Array.from({ length: 4 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 40; i++) {
            const name = `churn-${w}-${i % 10}`;
            const existing = await core.readNamespacedConfigMap({ name, namespace: NS }).catch(() => undefined);
            if (!existing)
              await core.createNamespacedConfigMap({
                namespace: NS,
                body: { metadata: { name }, data: { i: String(i) } },
              });
            else if (i % 3 === 0) await core.deleteNamespacedConfigMap({ name, namespace: NS });
            else
              await core.patchNamespacedConfigMap(
                { name, namespace: NS, body: { data: { i: String(i) } } },
                k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
              );
          }
        })(),
      );
      await Promise.all(writers);
      const truth = await core.listNamespacedConfigMap({ namespace: NS });
      const expected = new Map(truth.items.map((c) => [c.metadata!.name!, c.metadata!.resourceVersion!]));
      const deadline = Date.now() + 10_000;
      let cached = new Map<string, string>();
      while (Date.now() < deadline) {
        cached = new Map(informer.list(NS).map((c) => [c.metadata!.name!, c.metadata!.resourceVersion!]));
        if (sameEntries(cached, expected)) break;
        await sleep(50);
      }
      assert.deepEqual([...cached.entries()].sort(), [...expected.entries()].sort());
      assert.deepEqual(errors, []);
    } finally {
      await informer.stop();
    }
  });
});

function sameEntries(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}
