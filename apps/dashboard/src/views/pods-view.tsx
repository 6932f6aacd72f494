import { useMemo, useState } from 'preact/hooks';
import { deletePod } from '../api/actions.js';
import { StatusBadge } from '../components/status-badge.js';
import { VirtualTable, type Column } from '../components/virtual-table.js';
import { formatAge } from '../model/age.js';
import type { Pod } from '../model/k8s-types.js';
import { summarizePod, type PodSummary } from '../model/pod-summary.js';
import { formatBytes, formatCpu } from '../model/quantity.js';
import type { StatusTone } from '../model/status-tone.js';
import { useConfirm } from '../store/actions-context.js';
import { useMetrics, useNow, useSession, useWatch } from '../store/hooks.js';
import type { MetricsHistory } from '../store/metrics-history.js';
import { byNamespaceAndName, watchScope } from './scope.js';

interface PodRow {
  pod: Pod;
  key: string;
  summary: PodSummary;
}

/** Every pod in scope, virtualised: thousands of pods render as one screenful of rows. */
export function PodsView({ namespace }: { namespace: string }) {
  const cache = useWatch<Pod>('pods', watchScope(namespace));
  const metrics = useMetrics('pods', watchScope(namespace));
  const [filter, setFilter] = useState('');
  const now = useNow();
  const session = useSession();
  const confirm = useConfirm();

  const rows = useMemo(() => {
    const items = [...cache.items()].sort(byNamespaceAndName);
    return items.map((pod) => ({
      pod,
      key: `${pod.metadata.namespace}/${pod.metadata.name}`,
      summary: summarizePod(pod),
    }));
  }, [cache.version]);
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? rows.filter(
        (r) =>
          r.key.includes(needle) || r.summary.status.toLowerCase().includes(needle) || r.summary.node.includes(needle),
      )
    : rows;

  const counts = new Map<StatusTone, number>();
  for (const r of rows) counts.set(r.summary.tone, (counts.get(r.summary.tone) ?? 0) + 1);

  const remove = (pod: Pod) => {
    const { name, namespace: ns = 'default' } = pod.metadata;
    confirm({
      title: `Delete pod ${name}?`,
      description: (
        <p>
          Deletes <strong>pod/{name}</strong> in namespace <strong>{ns}</strong>. A controller that owns it creates a
          replacement.
        </p>
      ),
      confirmLabel: 'Delete',
      danger: true,
      run: async () => {
        await deletePod(session.rest, ns, name);
        return `pod/${name} deleted`;
      },
    });
  };

  const columns: Column<PodRow>[] = [
    {
      title: 'Name',
      width: 'minmax(14rem, 3fr)',
      render: (r) => (
        <span class="mono ellipsis" title={r.pod.metadata.name}>
          {r.pod.metadata.name}
        </span>
      ),
    },
    ...(namespace
      ? []
      : [
          {
            title: 'Namespace',
            width: 'minmax(7rem, 1fr)',
            render: (r: PodRow) => <span class="ellipsis">{r.pod.metadata.namespace}</span>,
          },
        ]),
    {
      title: 'Status',
      width: 'minmax(9rem, 1.3fr)',
      render: (r) => <StatusBadge tone={r.summary.tone} text={r.summary.status} />,
    },
    {
      title: 'Ready',
      width: '4rem',
      align: 'end',
      render: (r) => <span data-col="ready">{`${r.summary.ready}/${r.summary.total}`}</span>,
    },
    { title: 'Restarts', width: '5rem', align: 'end', render: (r) => r.summary.restarts },
    { title: 'Node', width: 'minmax(7rem, 1fr)', render: (r) => <span class="ellipsis">{r.summary.node || '—'}</span> },
    { title: 'Age', width: '4.5rem', align: 'end', render: (r) => formatAge(r.pod.metadata.creationTimestamp, now) },
    {
      title: 'CPU',
      width: '4.5rem',
      align: 'end',
      render: (r) => <span data-col="cpu">{usage(metrics, r.key, 'cpu')}</span>,
    },
    {
      title: 'Memory',
      width: '5rem',
      align: 'end',
      render: (r) => <span data-col="memory">{usage(metrics, r.key, 'memory')}</span>,
    },
    {
      title: 'Actions',
      width: '8.5rem',
      render: (r) => (
        <span class="actions">
          <a
            class="button"
            href={`#/logs/${encodeURIComponent(r.pod.metadata.namespace ?? 'default')}/${encodeURIComponent(r.pod.metadata.name)}`}
            aria-label={`Logs of ${r.pod.metadata.name}`}
          >
            Logs
          </a>
          <button type="button" onClick={() => remove(r.pod)} aria-label={`Delete ${r.pod.metadata.name}`}>
            Delete
          </button>
        </span>
      ),
    },
  ];

  return (
    <section class="panel panel-fill" aria-labelledby="pods-title">
      <header class="panel-head">
        <h2 id="pods-title">Pods</h2>
        <span class="panel-note" data-testid="pod-count">
          {cache.synced
            ? `${shown.length === rows.length ? rows.length : `${shown.length} of ${rows.length}`} pods`
            : 'loading…'}
        </span>
        <span class="tone-counts">
          {(['ok', 'progress', 'warning', 'error'] as StatusTone[]).map((tone) =>
            counts.get(tone) ? <StatusBadge tone={tone} text={`${counts.get(tone)} ${TONE_WORDS[tone]}`} /> : null,
          )}
        </span>
        <label class="filter">
          <span class="visually-hidden">Filter pods</span>
          <input
            type="search"
            placeholder="Filter by name, status, node"
            value={filter}
            onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
          />
        </label>
      </header>
      {cache.failure ? <p class="error-text">Cannot list pods: {cache.failure.message}</p> : null}
      {cache.resyncing ? <p class="note">Catching up after a gap ({cache.resyncing})…</p> : null}
      <VirtualTable
        label="Pods"
        rows={shown}
        columns={columns}
        rowKey={(r) => r.key}
        empty={cache.synced ? (needle ? 'No pod matches the filter.' : 'No pods in this namespace.') : 'Loading pods…'}
      />
    </section>
  );
}

const TONE_WORDS: Record<StatusTone, string> = {
  ok: 'running',
  progress: 'starting',
  warning: 'not ready',
  error: 'failing',
  muted: 'done',
};

function usage(metrics: MetricsHistory, key: string, field: 'cpu' | 'memory'): string {
  if (metrics.unavailable) return 'n/a';
  const point = metrics.latest(key);
  if (!point) return '–';
  return field === 'cpu' ? formatCpu(point.cpu) : formatBytes(point.memory);
}
