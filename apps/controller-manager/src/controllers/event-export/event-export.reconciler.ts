import type { Logger } from 'pino';
import type { Event } from '#api';
import type { Informer } from '#client';
import { splitObjectKey, type Reconciler, type ReconcileResult } from '#reconcile';
import type { Delivery } from '#search';
import { eventDocument } from './event-document.js';
import type { ExportedVersions } from './exported-versions.js';

export interface EventExportDeps {
  events: Informer<Event>;
  delivery: Delivery;
  exported: ExportedVersions;
  indexPrefix: string;
  logger: Logger;
}

/**
 * Writes each version of each Event to the events index once. The queue runs one key in one
 * worker at a time across processes; the exported marker (uid -> resourceVersion) keeps a
 * resync or another replica's relist from writing a version again. An event that expired from
 * the store is done: its document stays in the index.
 */
export class EventExportReconciler implements Reconciler {
  readonly name = 'event-export';

  constructor(private readonly deps: EventExportDeps) {}

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitObjectKey(key);
    const event = this.deps.events.get(namespace, name);
    if (!event?.metadata.uid) return;
    const { uid, resourceVersion = '' } = event.metadata;
    if ((await this.deps.exported.get(uid)) === resourceVersion) return;
    // Resolves once written or dead-lettered; a thrown error (aborted) retries the key with backoff.
    const report = await this.deps.delivery.deliver([eventDocument(event, this.deps.indexPrefix)]);
    if (report.deadLettered > 0) this.deps.logger.warn({ event: key }, 'event rejected by the engine (dead-lettered)');
    await this.deps.exported.set(uid, resourceVersion);
  }
}
