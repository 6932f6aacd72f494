import { createHash } from 'node:crypto';
import type { Pod } from '#api';
import { dailyIndexName, dedotKeys, type BulkItem } from '#search';
import type { CpuStats, MemoryStats, Summary } from './stats-summary.js';

/**
 * Daily indices `<prefix>-YYYY.MM.DD` (kubenest-metrics-* by default), one document per node, pod and container per sample, for Kibana: `@timestamp`, the same
 * `kubernetes.*` metadata the log documents carry (namespace_name, pod_name, container_name,
 * pod_id, host, dedotted labels), and numeric metric fields. The _id derives from node, object
 * and sample time, and the op is create, so a retried or repeated delivery never duplicates.
 */
export function metricDocuments(
  summary: Summary,
  podOf: (uid: string) => Pod | undefined,
  indexPrefix: string,
): BulkItem[] {
  const host = summary.node.nodeName;
  const { node } = summary;
  const items: BulkItem[] = [
    item(indexPrefix, host, 'node', node.cpu.time, {
      kubernetes: { host },
      cpu: cpuFields(node.cpu),
      memory: { ...memoryFields(node.memory), available_bytes: node.memory.availableBytes },
      fs: {
        capacity_bytes: node.fs.capacityBytes,
        available_bytes: node.fs.availableBytes,
        used_bytes: node.fs.usedBytes,
        inodes: node.fs.inodes,
        inodes_free: node.fs.inodesFree,
      },
      ...(node.network?.name
        ? {
            network: {
              interface: node.network.name,
              rx_bytes: node.network.rxBytes,
              tx_bytes: node.network.txBytes,
              rx_errors: node.network.rxErrors,
              tx_errors: node.network.txErrors,
            },
          }
        : {}),
    }),
  ];
  for (const pod of summary.pods) {
    const meta = {
      host,
      namespace_name: pod.podRef.namespace,
      pod_name: pod.podRef.name,
      pod_id: pod.podRef.uid,
      labels: dedotKeys(podOf(pod.podRef.uid)?.metadata.labels ?? {}),
    };
    items.push(
      item(indexPrefix, host, `pod/${pod.podRef.uid}`, pod.cpu.time, {
        kubernetes: meta,
        cpu: cpuFields(pod.cpu),
        memory: memoryFields(pod.memory),
      }),
    );
    for (const c of pod.containers) {
      items.push(
        item(indexPrefix, host, `container/${pod.podRef.uid}/${c.name}`, c.cpu.time, {
          kubernetes: { ...meta, container_name: c.name },
          cpu: cpuFields(c.cpu),
          memory: memoryFields(c.memory),
        }),
      );
    }
  }
  return items;
}

function item(
  indexPrefix: string,
  host: string,
  subject: string,
  time: string,
  fields: Record<string, unknown>,
): BulkItem {
  const kind = subject.split('/')[0];
  return {
    index: dailyIndexName(indexPrefix, new Date(time)),
    id: createHash('sha1').update(`${host}\n${subject}\n${time}`).digest('base64url'),
    op: 'create',
    document: { '@timestamp': time, metricset: kind, ...fields },
  };
}

function cpuFields(cpu: CpuStats): Record<string, number> {
  return {
    usage_nanocores: cpu.usageNanoCores,
    usage_cores: cpu.usageNanoCores / 1e9,
    usage_core_nanoseconds: cpu.usageCoreNanoSeconds,
  };
}

function memoryFields(memory: MemoryStats): Record<string, number | undefined> {
  return { working_set_bytes: memory.workingSetBytes, usage_bytes: memory.usageBytes };
}
