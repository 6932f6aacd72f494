import type { Summary } from './stats-summary.js';

/** The Prometheus text format's content type, as the kubelet serves /metrics/resource. */
export const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: { labels: Record<string, string>; value: number; timeMs?: number }[];
}

/**
 * The kubelet's /metrics/resource endpoint (what metrics-server scrapes): cumulative CPU in
 * core-seconds and working-set memory for the node, each pod and each container, with the
 * sample time as the Prometheus timestamp. Without a sample yet, only resource_scrape_error 1.
 */
export function resourceMetricsText(summary: Summary | undefined): string {
  const families: Family[] = [];
  if (summary) {
    const containers = summary.pods.flatMap((pod) =>
      pod.containers.map((c) => ({
        ...c,
        labels: { container: c.name, namespace: pod.podRef.namespace, pod: pod.podRef.name },
      })),
    );
    const pods = summary.pods.map((pod) => ({
      ...pod,
      labels: { namespace: pod.podRef.namespace, pod: pod.podRef.name },
    }));
    families.push(
      ...usageFamilies('container', containers),
      {
        name: 'container_start_time_seconds',
        help: 'Start time of the container since unix epoch in seconds',
        type: 'gauge',
        samples: containers.map((c) => ({ labels: c.labels, value: ms(c.startTime) / 1000, timeMs: ms(c.cpu.time) })),
      },
      ...usageFamilies('node', [{ ...summary.node, labels: {} }]),
      ...usageFamilies('pod', pods),
    );
  }
  families.push({
    name: 'resource_scrape_error',
    help: '1 if there was an error while getting container metrics, 0 otherwise',
    type: 'gauge',
    samples: [{ labels: {}, value: summary ? 0 : 1 }],
  });
  return families.map(formatFamily).join('');
}

interface UsageSource {
  labels: Record<string, string>;
  cpu: { usageCoreNanoSeconds: number; time: string };
  memory: { workingSetBytes: number; time: string };
}

/** `<scope>_cpu_usage_seconds_total` and `<scope>_memory_working_set_bytes`, as the kubelet names them. */
function usageFamilies(scope: 'container' | 'node' | 'pod', sources: UsageSource[]): Family[] {
  return [
    {
      name: `${scope}_cpu_usage_seconds_total`,
      help: `Cumulative cpu time consumed by the ${scope} in core-seconds`,
      type: 'counter',
      samples: sources.map((s) => ({
        labels: s.labels,
        value: s.cpu.usageCoreNanoSeconds / 1e9,
        timeMs: ms(s.cpu.time),
      })),
    },
    {
      name: `${scope}_memory_working_set_bytes`,
      help: `Current working set of the ${scope} in bytes`,
      type: 'gauge',
      samples: sources.map((s) => ({ labels: s.labels, value: s.memory.workingSetBytes, timeMs: ms(s.memory.time) })),
    },
  ];
}

const ms = (iso: string) => Date.parse(iso);

function formatFamily(family: Family): string {
  const lines = [`# HELP ${family.name} [STABLE] ${family.help}`, `# TYPE ${family.name} ${family.type}`];
  for (const sample of family.samples) {
    const labels = Object.entries(sample.labels)
      .map(([key, value]) => `${key}="${escapeLabelValue(value)}"`)
      .join(',');
    const time = sample.timeMs === undefined ? '' : ` ${sample.timeMs}`;
    lines.push(`${family.name}${labels ? `{${labels}}` : ''} ${formatValue(sample.value)}${time}`);
  }
  return lines.join('\n') + '\n';
}

/** The exposition format escapes backslash, double quote and newline in label values. */
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  return Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
}
