import { useMemo, useState } from 'preact/hooks';
import { StatusBadge } from '../components/status-badge.js';
import { VirtualTable, type Column } from '../components/virtual-table.js';
import { formatAge } from '../model/age.js';
import type { KubeEvent } from '../model/k8s-types.js';
import { useNow, useWatch } from '../store/hooks.js';
import { watchScope } from './scope.js';

export function eventTime(e: KubeEvent): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '';
}

/** Events, newest first, as they arrive: `kubectl get events -w` sorted for reading. */
export function useRecentEvents(namespace: string): { events: KubeEvent[]; synced: boolean } {
  const cache = useWatch<KubeEvent>('events', watchScope(namespace));
  const events = useMemo(
    () => [...cache.items()].sort((a, b) => eventTime(b).localeCompare(eventTime(a))),
    [cache.version],
  );
  return { events, synced: cache.synced };
}

export function EventsView({ namespace, limit }: { namespace: string; limit?: number }) {
  const { events, synced } = useRecentEvents(namespace);
  const [warningsOnly, setWarningsOnly] = useState(false);
  const now = useNow();
  const shown = (warningsOnly ? events.filter((e) => e.type === 'Warning') : events).slice(0, limit);
  const columns: Column<KubeEvent>[] = [
    { title: 'Age', width: '4.5rem', render: (e) => formatAge(eventTime(e), now) },
    {
      title: 'Type',
      width: '6.5rem',
      render: (e) => <StatusBadge tone={e.type === 'Warning' ? 'warning' : 'muted'} text={e.type ?? 'Normal'} />,
    },
    { title: 'Reason', width: 'minmax(8rem, 1fr)', render: (e) => <span class="ellipsis">{e.reason}</span> },
    {
      title: 'Object',
      width: 'minmax(10rem, 1.6fr)',
      render: (e) => (
        <span
          class="ellipsis mono"
          title={`${e.involvedObject.namespace ?? ''} ${e.involvedObject.kind}/${e.involvedObject.name}`}
        >
          {e.involvedObject.kind?.toLowerCase()}/{e.involvedObject.name}
        </span>
      ),
    },
    {
      title: 'Message',
      width: 'minmax(14rem, 4fr)',
      render: (e) => (
        <span class="ellipsis" title={e.message}>
          {e.message}
          {e.count && e.count > 1 ? ` (×${e.count})` : ''}
        </span>
      ),
    },
  ];
  return (
    <section class={`panel ${limit ? '' : 'panel-fill'}`} aria-labelledby="events-title">
      <header class="panel-head">
        <h2 id="events-title">Events</h2>
        <span class="panel-note">{synced ? `${events.length}` : 'loading…'}</span>
        <label class="check">
          <input
            type="checkbox"
            checked={warningsOnly}
            onChange={(e) => setWarningsOnly((e.target as HTMLInputElement).checked)}
          />
          Warnings only
        </label>
      </header>
      <VirtualTable
        label="Events"
        rows={shown}
        columns={columns}
        rowKey={(e) => e.metadata.uid}
        empty={synced ? 'No events.' : 'Loading events…'}
      />
    </section>
  );
}
