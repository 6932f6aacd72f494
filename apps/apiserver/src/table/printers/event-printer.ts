import { age } from '../human-duration.js';
import { column, NAME_COLUMN, type TablePrinter } from '../table-types.js';

interface Event {
  metadata: { name?: string };
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
}

/**
 * printers.go printEvent: LAST SEEN falls back to the first timestamp (or eventTime for
 * events.k8s.io-style events), and an event series reports its own count and last time.
 */
export const eventPrinter: TablePrinter = {
  columns: [
    column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'Type of this event (Normal, Warning).'),
    column(
      'Reason',
      "A short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    column('Object', 'The object that this event is about.'),
    column('Subobject', 'The field of the object this event is about.', { priority: 1 }),
    column('Source', 'The component reporting this event.', { priority: 1 }),
    column('Message', 'A human-readable description of the status of this operation.'),
    column('First Seen', 'The time at which the event was first recorded.', { priority: 1 }),
    column('Count', 'The number of times this event has occurred.', { priority: 1 }),
    { ...NAME_COLUMN, priority: 1 },
  ],
  cells(ev: Event, now) {
    const first = ev.firstTimestamp ? age(ev.firstTimestamp, now) : age(ev.eventTime, now);
    let last = ev.lastTimestamp ? age(ev.lastTimestamp, now) : first;
    let count = ev.count || 1;
    if (ev.series) {
      last = age(ev.series.lastObservedTime, now);
      count = ev.series.count ?? count;
    }
    const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
    const target = ev.involvedObject?.name ? `${kind}/${ev.involvedObject.name}` : kind;
    const component = ev.source?.component || ev.reportingComponent || '';
    const instance = ev.source?.host || ev.reportingInstance || '';
    return [
      last,
      ev.type ?? '',
      ev.reason ?? '',
      target,
      ev.involvedObject?.fieldPath ?? '',
      instance ? `${component}, ${instance}` : component,
      ev.message ?? '',
      first,
      count,
      ev.metadata.name,
    ];
  },
};
