import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@opensearch-project/opensearch';
import {
  dockerUnavailable,
  kubectl,
  kubectlPath,
  searchEngineUnavailable,
  startTestCluster,
  useTestSearchEngine,
  type TestCluster,
} from '#testing';

const skip = !kubectlPath ? 'kubectl is not on this machine' : (dockerUnavailable ?? (await searchEngineUnavailable()));

const POD = `
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web, app.kubernetes.io/name: shop}}
spec:
  containers:
  - name: web
    image: localhost:5000/microservice:1.0
`;

const EVENT = (count: number, last: string) => `
apiVersion: v1
kind: Event
metadata: {name: web.export-test, namespace: default}
involvedObject: {kind: Pod, name: web, namespace: default}
reason: BackOff
message: Back-off restarting failed container
type: Warning
count: ${count}
firstTimestamp: "2025-01-01T00:00:00Z"
lastTimestamp: "${last}"
source: {component: kubelet, host: test-node}
`;

interface Hit {
  _id: string;
  _version?: number;
  _source: Record<string, unknown> & { kubernetes?: Record<string, unknown> };
}

// A kubenest up cluster shipping to the real OpenSearch the test run started: node and
// container samples in the metrics index, Events in the events index.
describe('metrics and events in the search engine', { skip }, () => {
  const engine = useTestSearchEngine();
  let cluster: TestCluster;
  let client: Client;
  let prefix: string;
  const k = (...args: string[]) => kubectl(cluster.kubeconfigPath, args);
  const search = async (index: string, query: Record<string, unknown>): Promise<Hit[]> => {
    await client.indices.refresh({ index: `${prefix}${index}`, ignore_unavailable: true } as never);
    const { body } = await client.search({
      index: `${prefix}${index}`,
      body: { query, size: 100, version: true },
    } as never);
    return (body as { hits: { hits: Hit[] } }).hits.hits;
  };
  const eventually = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(1000);
    }
  };

  before(async () => {
    prefix = engine.prefix();
    client = new Client({ node: engine.url });
    cluster = await startTestCluster({
      ELASTICSEARCH_URL: engine.url,
      KUBENEST_INDEX_PREFIX: prefix,
      KUBENEST_METRICS_INTERVAL_SECONDS: '2',
    });
    const applied = kubectl(cluster.kubeconfigPath, ['apply', '-f', '-'], POD);
    assert.equal(applied.status, 0, applied.stderr);
    assert.equal(k('wait', '--for=condition=Ready', 'pod/web', '--timeout=120s').status, 0);
  });
  after(async () => {
    await cluster?.stop();
    await client?.close();
  });

  it('writes node, pod and container samples with numeric fields and the pod metadata', async () => {
    const containers = await eventually('container samples of web', async () => {
      const hits = await search('kubenest-metrics-*', {
        bool: { filter: [{ term: { metricset: 'container' } }, { term: { 'kubernetes.pod_name': 'web' } }] },
      });
      return hits.length > 0 ? hits : undefined;
    });
    const sample = containers[0]._source;
    assert.equal(sample.kubernetes?.['container_name'], 'web');
    assert.equal(sample.kubernetes?.['namespace_name'], 'default');
    assert.deepEqual(sample.kubernetes?.['labels'], { app: 'web', 'app_kubernetes_io/name': 'shop' });
    assert.equal(typeof (sample['memory'] as { working_set_bytes: unknown }).working_set_bytes, 'number');
    const nodes = await search('kubenest-metrics-*', { term: { metricset: 'node' } });
    assert.ok(nodes.length > 0);
    // The template maps the metric fields as numbers, so Kibana can average and chart them.
    const { body } = await client.search({
      index: `${prefix}kubenest-metrics-*`,
      body: {
        size: 0,
        aggs: { cpu: { max: { field: 'cpu.usage_cores' } }, mem: { max: { field: 'memory.working_set_bytes' } } },
      },
    } as never);
    const aggs = (body as unknown as { aggregations: { cpu: { value: number }; mem: { value: number } } }).aggregations;
    assert.ok(aggs.cpu.value > 0, `max cpu.usage_cores ${aggs.cpu.value}`);
    assert.ok(aggs.mem.value > 0, `max memory.working_set_bytes ${aggs.mem.value}`);
  });

  it('exports an Event once under its uid, and updates that document when the event is repeated', async () => {
    const created = kubectl(cluster.kubeconfigPath, ['apply', '-f', '-'], EVENT(1, '2025-01-01T00:00:00Z'));
    assert.equal(created.status, 0, created.stderr);
    const uid = k('get', 'event', 'web.export-test', '-o', 'jsonpath={.metadata.uid}').stdout;
    const first = await eventually('the event document', async () => {
      const hits = await search('kubenest-events-*', { term: { 'event.uid': uid } });
      return hits.length > 0 ? hits : undefined;
    });
    assert.equal(first.length, 1);
    assert.equal(first[0]._id, uid);
    assert.equal(first[0]._version, 1, 'written once');
    assert.equal(first[0]._source['count'], 1);
    assert.equal(first[0]._source['reason'], 'BackOff');
    assert.deepEqual(first[0]._source['involved_object'], {
      kind: 'Pod',
      name: 'web',
      namespace: 'default',
    });

    const updated = kubectl(cluster.kubeconfigPath, ['apply', '-f', '-'], EVENT(2, '2025-01-01T00:05:00Z'));
    assert.equal(updated.status, 0, updated.stderr);
    const second = await eventually('the updated document', async () => {
      const hits = await search('kubenest-events-*', { term: { 'event.uid': uid } });
      return hits[0]?._source['count'] === 2 ? hits : undefined;
    });
    assert.equal(second.length, 1, 'one document per event');
    assert.equal(second[0]._id, uid);
    assert.equal(second[0]._version, 2, 'one write per version');
    assert.equal(second[0]._source['@timestamp'], '2025-01-01T00:05:00Z');
  });
});
