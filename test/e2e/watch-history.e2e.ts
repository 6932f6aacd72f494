import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { startTestApiserver, type TestApiserver } from '#testing';

// A watch from a resourceVersion older than the retained history gets 410 Gone, as from a
// compacted etcd revision, so that informers relist (kubernetes/kubernetes#72187).
describe('watch history', () => {
  let server: TestApiserver;
  let kc: k8s.KubeConfig;

  before(async () => {
    server = await startTestApiserver({ KUBENEST_WATCH_HISTORY: '100' });
    kc = new k8s.KubeConfig();
    kc.loadFromFile(server.kubeconfigPath);
  });
  after(async () => {
    await server?.stop();
  });

  it('answers a watch from a compacted resourceVersion with a 410 Expired ERROR event', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const first = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'old' } } });
    for (let i = 0; i < 400; i++) {
      await core.patchNamespacedConfigMap(
        { name: 'old', namespace: 'default', body: { data: { i: String(i) } } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
      );
    }
    const event = await new Promise<{ type: string; object: { code?: number; reason?: string; message?: string } }>(
      (resolve, reject) => {
        void new k8s.Watch(kc).watch(
          '/api/v1/namespaces/default/configmaps',
          { resourceVersion: first.metadata!.resourceVersion },
          (type, object) => resolve({ type, object }),
          (err) => err && reject(err),
        );
      },
    );
    assert.equal(event.type, 'ERROR');
    assert.equal(event.object.code, 410);
    assert.equal(event.object.reason, 'Expired');
    assert.match(event.object.message ?? '', /too old resource version/);
  });

  it('resumes a recent resourceVersion without a gap', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const from = (await core.listNamespacedConfigMap({ namespace: 'default' })).metadata!.resourceVersion!;
    for (const name of ['r1', 'r2', 'r3'])
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name } } });
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      void new k8s.Watch(kc)
        .watch(
          '/api/v1/namespaces/default/configmaps',
          { resourceVersion: from },
          (type, obj: k8s.V1ConfigMap) => {
            seen.push(`${type} ${obj.metadata?.name}`);
            if (seen.length === 3) resolve();
          },
          (err) => err && reject(err),
        )
        .then((req) => setTimeout(() => req.abort(), 10_000).unref());
    });
    assert.deepEqual(seen, ['ADDED r1', 'ADDED r2', 'ADDED r3']);
  });
});
