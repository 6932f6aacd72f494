import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BUILTIN_RESOURCES, type KubeObject } from '#api';
import { createApiClient, type ApiClient } from '#client';
import { waitUntil } from '#reconcile/testing';
import { kubectlAsync, kubectlPath, startTestApiserver, type TestApiserver } from '#testing';
import { startTestController } from '../../testing/start-test-controller.js';
import { garbageCollectorController } from './index.js';

const find = (group: string, resource: string) =>
  BUILTIN_RESOURCES.find((t) => t.group === group && t.resource === resource)!;
const REPLICASETS = find('apps', 'replicasets');
const PODS = find('', 'pods');

describe('garbage collector with kubectl against a real apiserver', { skip: !kubectlPath && 'no kubectl' }, () => {
  let api: TestApiserver;
  let client: ApiClient;
  let stop: () => Promise<void>;

  before(async () => {
    api = await startTestApiserver();
    client = createApiClient({ server: api.url, caPem: api.caPem, token: api.token });
    stop = await startTestController(api, garbageCollectorController);
  });
  after(async () => {
    await stop?.();
    client?.close();
    await api?.stop();
  });

  /** A ReplicaSet and two unbound pods owned by it, made by hand (no ReplicaSet controller runs). */
  async function replicaSetWithPods(name: string): Promise<KubeObject> {
    const rs = await client.create<KubeObject>(REPLICASETS, {
      metadata: { name, namespace: 'default' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'pause' }] } },
      },
    });
    const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: rs.metadata.uid!, controller: true };
    for (const i of [1, 2]) {
      await client.create(PODS, {
        metadata: {
          name: `${name}-${i}`,
          namespace: 'default',
          labels: { app: name },
          ownerReferences: [{ ...ref, blockOwnerDeletion: true }],
        },
        spec: { containers: [{ name: 'c', image: 'pause' }] },
      });
    }
    return rs;
  }
  const podsOf = async (name: string) =>
    (await client.list<KubeObject>(PODS, { namespace: 'default', labelSelector: `app=${name}` })).items;
  // Async: the GC runs in this process and must keep working while kubectl waits for it.
  const k = (...args: string[]) => kubectlAsync(api.kubeconfigPath, args);

  it('--cascade=background deletes the ReplicaSet, then the GC its pods', async () => {
    await replicaSetWithPods('bg');
    assert.equal((await k('delete', 'rs', 'bg', '--cascade=background')).status, 0);
    await waitUntil(async () => (await podsOf('bg')).length === 0, 30_000, 'the pods of bg to be collected');
  });

  it('--cascade=foreground returns only once the pods are gone', async () => {
    await replicaSetWithPods('fg');
    const result = await k('delete', 'rs', 'fg', '--cascade=foreground', '--timeout=20s');
    const state = (await k('get', 'rs,pods', '-o', 'yaml')).stdout;
    assert.equal(result.status, 0, result.stderr + state);
    assert.deepEqual(await podsOf('fg'), []);
    assert.equal(await client.get(REPLICASETS, 'default', 'fg'), undefined);
  });

  it('--cascade=orphan keeps the pods and removes their ownerReferences', async () => {
    await replicaSetWithPods('orphan');
    const result = await k('delete', 'rs', 'orphan', '--cascade=orphan', '--timeout=60s');
    assert.equal(result.status, 0, result.stderr);
    const pods = await podsOf('orphan');
    assert.equal(pods.length, 2);
    for (const pod of pods) assert.equal(pod.metadata.ownerReferences, undefined);
  });
});
