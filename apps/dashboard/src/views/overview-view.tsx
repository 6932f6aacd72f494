import { LineChart } from '../components/line-chart.js';
import { StatusBadge } from '../components/status-badge.js';
import type { Node, Pod, Workload } from '../model/k8s-types.js';
import { summarizeNode } from '../model/node-summary.js';
import { summarizePod } from '../model/pod-summary.js';
import { formatBytes, formatCpu, parseQuantity } from '../model/quantity.js';
import { rolloutProgress } from '../model/rollout-progress.js';
import type { StatusTone } from '../model/status-tone.js';
import { useMetrics, useWatch } from '../store/hooks.js';
import { EventsView } from './events-view.js';
import { NodesView } from './nodes-view.js';
import { watchScope } from './scope.js';

/** The cluster at a glance: counts that need attention first, usage over time, nodes, latest events. */
export function OverviewView({ namespace }: { namespace: string }) {
  const nodes = useWatch<Node>('nodes', undefined);
  const pods = useWatch<Pod>('pods', watchScope(namespace));
  const deployments = useWatch<Workload>('deployments', watchScope(namespace));
  const metrics = useMetrics('nodes');

  const nodeSummaries = nodes.items().map(summarizeNode);
  const readyNodes = nodeSummaries.filter((s) => s.ready === 'Ready').length;
  const podTones = count(pods.items().map((p) => summarizePod(p).tone));
  const rollouts = count(deployments.items().map((d) => rolloutProgress('Deployment', d).tone));
  let cpuCapacity = 0;
  let memoryCapacity = 0;
  for (const node of nodes.items()) {
    const allocatable = node.status?.allocatable ?? node.status?.capacity ?? {};
    cpuCapacity += parseQuantity(allocatable['cpu']) ?? 0;
    memoryCapacity += parseQuantity(allocatable['memory']) ?? 0;
  }
  const total = metrics.total();

  return (
    <>
      <section class="tiles" aria-label="Summary">
        <Tile
          title="Nodes"
          href="#/nodes"
          value={nodes.synced ? `${readyNodes}/${nodeSummaries.length}` : '…'}
          caption="ready"
        >
          {nodeSummaries.length - readyNodes ? (
            <StatusBadge tone="error" text={`${nodeSummaries.length - readyNodes} not ready`} />
          ) : null}
          {nodeSummaries.some((s) => s.cordoned) ? (
            <StatusBadge tone="warning" text={`${nodeSummaries.filter((s) => s.cordoned).length} cordoned`} />
          ) : null}
        </Tile>
        <Tile
          title="Pods"
          href="#/pods"
          value={pods.synced ? String(pods.items().length) : '…'}
          caption={namespace ? `in ${namespace}` : 'in all namespaces'}
        >
          <ToneCounts
            counts={podTones}
            words={{ ok: 'running', progress: 'starting', warning: 'not ready', error: 'failing', muted: 'done' }}
          />
        </Tile>
        <Tile
          title="Deployments"
          href="#/workloads"
          value={deployments.synced ? String(deployments.items().length) : '…'}
          caption={namespace ? `in ${namespace}` : 'in all namespaces'}
        >
          <ToneCounts
            counts={rollouts}
            words={{
              ok: 'rolled out',
              progress: 'rolling out',
              warning: 'paused',
              error: 'failing',
              muted: 'scaled to 0',
            }}
          />
        </Tile>
      </section>
      <section class="panel" aria-labelledby="usage-title">
        <header class="panel-head">
          <h2 id="usage-title">Cluster usage</h2>
          <span class="panel-note">
            {metrics.unavailable ? `metrics not available: ${metrics.unavailable}` : 'all nodes, from the metrics API'}
          </span>
        </header>
        {metrics.unavailable ? null : (
          <div class="chart-row">
            <LineChart
              title="CPU"
              points={total}
              value={(p) => p.cpu}
              format={formatCpu}
              capacity={cpuCapacity || undefined}
            />
            <LineChart
              title="Memory"
              points={total}
              value={(p) => p.memory}
              format={formatBytes}
              capacity={memoryCapacity || undefined}
            />
          </div>
        )}
      </section>
      <NodesView compact />
      <EventsView namespace={namespace} limit={8} />
    </>
  );
}

function count(tones: StatusTone[]): Map<StatusTone, number> {
  const counts = new Map<StatusTone, number>();
  for (const tone of tones) counts.set(tone, (counts.get(tone) ?? 0) + 1);
  return counts;
}

function ToneCounts({ counts, words }: { counts: Map<StatusTone, number>; words: Record<StatusTone, string> }) {
  return (
    <>
      {(['error', 'warning', 'progress', 'ok', 'muted'] as StatusTone[]).map((tone) =>
        counts.get(tone) ? <StatusBadge tone={tone} text={`${counts.get(tone)} ${words[tone]}`} /> : null,
      )}
    </>
  );
}

function Tile(props: {
  title: string;
  href: string;
  value: string;
  caption: string;
  children?: preact.ComponentChildren;
}) {
  return (
    <a class="tile" href={props.href}>
      <span class="tile-title">{props.title}</span>
      <span class="tile-value">{props.value}</span>
      <span class="tile-caption">{props.caption}</span>
      <span class="tile-badges">{props.children}</span>
    </a>
  );
}
