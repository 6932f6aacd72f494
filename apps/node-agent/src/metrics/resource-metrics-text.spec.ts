import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Pod } from '#api';
import { metricDocuments } from './metric-documents.js';
import { resourceMetricsText } from './resource-metrics-text.js';
import { podTotals, type ContainerSummary, type Summary } from './stats-summary.js';

const T = '2025-03-04T05:06:07.000Z';
const MS = Date.parse(T);

function summary(): Summary {
  const containers: ContainerSummary[] = [
    {
      name: 'web',
      startTime: '2025-03-04T05:00:00.000Z',
      cpu: { time: T, usageNanoCores: 2_000_000, usageCoreNanoSeconds: 1_500_000_000 },
      memory: { time: T, usageBytes: 3000, workingSetBytes: 2048 },
    },
    {
      name: 'side"car',
      startTime: '2025-03-04T05:00:00.000Z',
      cpu: { time: T, usageNanoCores: 1_000_000, usageCoreNanoSeconds: 500_000_000 },
      memory: { time: T, usageBytes: 1000, workingSetBytes: 1024 },
    },
  ];
  return {
    node: {
      nodeName: 'n1',
      startTime: T,
      cpu: { time: T, usageNanoCores: 250_000_000, usageCoreNanoSeconds: 357_000_000_000 },
      memory: { time: T, availableBytes: 5, usageBytes: 10, workingSetBytes: 8 },
      network: { time: T, name: 'eth0', rxBytes: 1, rxErrors: 0, txBytes: 2, txErrors: 0, interfaces: [] },
      fs: { time: T, availableBytes: 1, capacityBytes: 4, usedBytes: 3, inodes: 10, inodesFree: 4, inodesUsed: 6 },
    },
    pods: [{ podRef: { name: 'p', namespace: 'ns', uid: 'u1' }, startTime: T, containers, ...podTotals(containers) }],
    windowSeconds: 10,
  };
}

it('serves the kubelet /metrics/resource families with sample timestamps and escaped labels', () => {
  const text = resourceMetricsText(summary());
  const lines = text.split('\n');
  assert.ok(lines.includes('# TYPE node_cpu_usage_seconds_total counter'));
  assert.ok(lines.includes(`node_cpu_usage_seconds_total 357 ${MS}`));
  assert.ok(lines.includes(`node_memory_working_set_bytes 8 ${MS}`));
  assert.ok(lines.includes(`container_cpu_usage_seconds_total{container="web",namespace="ns",pod="p"} 1.5 ${MS}`));
  assert.ok(
    lines.includes(`container_memory_working_set_bytes{container="side\\"car",namespace="ns",pod="p"} 1024 ${MS}`),
  );
  assert.ok(lines.includes(`pod_cpu_usage_seconds_total{namespace="ns",pod="p"} 2 ${MS}`));
  assert.ok(lines.includes(`pod_memory_working_set_bytes{namespace="ns",pod="p"} 3072 ${MS}`));
  assert.ok(lines.includes('resource_scrape_error 0'));
  assert.ok(text.endsWith('\n'));
});

it('reports a scrape error and no figures before the first complete sample', () => {
  assert.equal(
    resourceMetricsText(undefined),
    '# HELP resource_scrape_error [STABLE] 1 if there was an error while getting container metrics, 0 otherwise\n' +
      '# TYPE resource_scrape_error gauge\nresource_scrape_error 1\n',
  );
});

it('makes one create document per node, pod and container with kubernetes.* metadata and stable ids', () => {
  const pod = { metadata: { uid: 'u1', labels: { 'app.kubernetes.io/name': 'web', app: 'web' } } } as Pod;
  const items = metricDocuments(summary(), (uid) => (uid === 'u1' ? pod : undefined), 'kubenest-metrics');
  assert.deepEqual(
    items.map((i) => i.document['metricset']),
    ['node', 'pod', 'container', 'container'],
  );
  assert.ok(items.every((i) => i.op === 'create' && i.index === 'kubenest-metrics-2025.03.04'));
  assert.equal(new Set(items.map((i) => i.id)).size, 4);
  assert.deepEqual(
    metricDocuments(summary(), () => pod, 'kubenest-metrics').map((i) => i.id),
    items.map((i) => i.id),
  );
  const web = items[2].document;
  assert.deepEqual(web['kubernetes'], {
    host: 'n1',
    namespace_name: 'ns',
    pod_name: 'p',
    pod_id: 'u1',
    labels: { 'app_kubernetes_io/name': 'web', app: 'web' },
    container_name: 'web',
  });
});

it('gives metric documents numeric fields Kibana can chart', () => {
  const [node, podDoc] = metricDocuments(summary(), () => undefined, 'kubenest-metrics').map((i) => i.document);
  assert.equal(node['@timestamp'], T);
  assert.deepEqual(node['cpu'], { usage_nanocores: 250_000_000, usage_cores: 0.25, usage_core_nanoseconds: 357e9 });
  assert.deepEqual(node['network'], { interface: 'eth0', rx_bytes: 1, tx_bytes: 2, rx_errors: 0, tx_errors: 0 });
  assert.deepEqual(podDoc['memory'], { working_set_bytes: 3072, usage_bytes: 4000 });
});
