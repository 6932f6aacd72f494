import { setUnschedulable } from '../api/actions.js';
import { LineChart } from '../components/line-chart.js';
import { StatusBadge } from '../components/status-badge.js';
import { UsageBar } from '../components/usage-bar.js';
import { formatAge } from '../model/age.js';
import type { Node, Pod } from '../model/k8s-types.js';
import { summarizeNode } from '../model/node-summary.js';
import { formatBytes, formatCpu, parseQuantity } from '../model/quantity.js';
import { useConfirm } from '../store/actions-context.js';
import { useMetrics, useNow, useSession, useWatch } from '../store/hooks.js';
import type { MetricsHistory } from '../store/metrics-history.js';

/** Every node: readiness, cordon state, capacity and current usage, with usage over time. */
export function NodesView({ compact = false }: { compact?: boolean }) {
  const nodes = useWatch<Node>('nodes', undefined);
  const pods = useWatch<Pod>('pods', undefined);
  const metrics = useMetrics('nodes');
  const now = useNow();
  const podsPerNode = new Map<string, number>();
  for (const pod of pods.items())
    if (pod.spec.nodeName) podsPerNode.set(pod.spec.nodeName, (podsPerNode.get(pod.spec.nodeName) ?? 0) + 1);
  const list = [...nodes.items()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));

  return (
    <section class="panel" aria-labelledby="nodes-title">
      <header class="panel-head">
        <h2 id="nodes-title">Nodes</h2>
        <span class="panel-note">
          {metrics.unavailable
            ? `metrics not available: ${metrics.unavailable}`
            : metrics.received
              ? ''
              : 'metrics: waiting…'}
        </span>
      </header>
      {!nodes.synced ? <p class="loading">Loading nodes…</p> : null}
      {nodes.synced && list.length === 0 ? <p class="empty">No nodes have registered.</p> : null}
      <div class="node-grid">
        {list.map((node) => (
          <NodeCard
            node={node}
            pods={podsPerNode.get(node.metadata.name) ?? 0}
            metrics={metrics}
            now={now}
            compact={compact}
          />
        ))}
      </div>
    </section>
  );
}

function NodeCard(props: { node: Node; pods: number; metrics: MetricsHistory; now: number; compact: boolean }) {
  const { node, pods, metrics, now, compact } = props;
  const session = useSession();
  const confirm = useConfirm();
  const name = node.metadata.name;
  const summary = summarizeNode(node);
  const allocatable = node.status?.allocatable ?? node.status?.capacity ?? {};
  const cpuCapacity = parseQuantity(allocatable['cpu']);
  const memoryCapacity = parseQuantity(allocatable['memory']);
  const podCapacity = parseQuantity(allocatable['pods']);
  const usage = metrics.latest(name);
  const history = metrics.series.get(name) ?? [];
  const address = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;

  const toggleCordon = () =>
    confirm({
      title: summary.cordoned ? `Uncordon node ${name}?` : `Cordon node ${name}?`,
      description: summary.cordoned
        ? 'The scheduler will place new pods on this node again.'
        : 'The scheduler will place no new pods on this node. Pods already running stay where they are.',
      confirmLabel: summary.cordoned ? 'Uncordon' : 'Cordon',
      run: async () => {
        await setUnschedulable(session.rest, name, !summary.cordoned);
        return `node/${name} ${summary.cordoned ? 'uncordoned' : 'cordoned'}`;
      },
    });

  return (
    <article class="node-card" data-node={name} aria-label={`Node ${name}`}>
      <header>
        <h3>{name}</h3>
        <StatusBadge tone={summary.ready === 'Ready' ? 'ok' : 'error'} text={summary.ready} />
        {summary.cordoned ? <StatusBadge tone="warning" text="Cordoned" title="SchedulingDisabled" /> : null}
        {summary.problems.map((p) => (
          <StatusBadge tone="warning" text={p} />
        ))}
      </header>
      <p class="node-meta">
        {address ?? 'no address'} · {node.status?.nodeInfo?.kubeletVersion ?? ''} · {pods}
        {podCapacity ? ` / ${podCapacity}` : ''} pods · age {formatAge(node.metadata.creationTimestamp, now)}
      </p>
      <UsageBar label="CPU" used={usage?.cpu} capacity={cpuCapacity} format={formatCpu} />
      <UsageBar label="Memory" used={usage?.memory} capacity={memoryCapacity} format={formatBytes} />
      {!compact && !metrics.unavailable ? (
        <div class="chart-row">
          <LineChart title="CPU" points={history} value={(p) => p.cpu} format={formatCpu} capacity={cpuCapacity} />
          <LineChart
            title="Memory"
            points={history}
            value={(p) => p.memory}
            format={formatBytes}
            capacity={memoryCapacity}
          />
        </div>
      ) : null}
      {!compact ? (
        <div class="actions">
          <button type="button" onClick={toggleCordon}>
            {summary.cordoned ? 'Uncordon' : 'Cordon'}
          </button>
        </div>
      ) : null}
    </article>
  );
}
