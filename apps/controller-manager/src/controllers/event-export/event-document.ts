import type { Event } from '#api';
import { dailyIndexName, type BulkItem } from '#search';

/**
 * An Event as a document for the events index: `_id` is the event's uid and the op is index,
 * so a deduplicated event whose count and lastTimestamp grow overwrites its one document.
 * `@timestamp` is when it last happened; `kubernetes.*` names the object as the log
 * documents do, so one Kibana filter (kubernetes.pod_name:"web-1") finds a pod's logs and events.
 */
export function eventDocument(event: Event, indexPrefix: string): BulkItem {
  const e = event as Event & {
    reason?: string;
    message?: string;
    type?: string;
    count?: number;
    firstTimestamp?: string;
    lastTimestamp?: string;
    eventTime?: string;
    action?: string;
    reportingComponent?: string;
    reportingInstance?: string;
    source?: { component?: string; host?: string };
    series?: { count?: number; lastObservedTime?: string };
  };
  const involved = e.involvedObject ?? {};
  const last =
    e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp;
  const kubernetes: Record<string, string | undefined> = {
    namespace_name: e.metadata.namespace,
    host: e.source?.host,
  };
  if (involved.kind === 'Pod') Object.assign(kubernetes, { pod_name: involved.name, pod_id: involved.uid });
  return {
    // The creation day never changes, so every update of the event lands in the same daily index.
    index: dailyIndexName(indexPrefix, new Date(e.metadata.creationTimestamp ?? Date.now())),
    id: e.metadata.uid!,
    op: 'index',
    document: {
      '@timestamp': last,
      message: e.message ?? '',
      reason: e.reason ?? '',
      type: e.type ?? 'Normal',
      count: e.series?.count ?? e.count ?? 1,
      first_timestamp: e.firstTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp,
      last_timestamp: last,
      involved_object: {
        kind: involved.kind,
        name: involved.name,
        namespace: involved.namespace,
        uid: involved.uid,
        api_version: involved.apiVersion,
        field_path: involved.fieldPath,
      },
      source: {
        component: e.source?.component ?? e.reportingComponent,
        host: e.source?.host ?? e.reportingInstance,
      },
      event: { name: e.metadata.name, uid: e.metadata.uid, resource_version: e.metadata.resourceVersion },
      kubernetes: Object.fromEntries(Object.entries(kubernetes).filter(([, v]) => v !== undefined)),
    },
  };
}
