import { builtinResource, type Event } from '#api';
import { objectKey, runController } from '#reconcile';
import type { ControllerDefinition } from '../../controller-context.js';
import { EventExportReconciler } from './event-export.reconciler.js';
import { RedisExportedVersions } from './exported-versions.js';

const EVENTS = builtinResource('events');

/** Exports Kubernetes Events to the search engine's events index; idle when no engine is configured. */
export const eventExportController: ControllerDefinition = {
  name: 'event-export',
  async start(context) {
    const { search, logger } = context;
    if (!search) {
      logger.info('no search engine configured: events are not exported');
      return { stop: () => Promise.resolve() };
    }
    const events = context.informers.informerFor<Event>(EVENTS);
    return runController({
      reconciler: new EventExportReconciler({
        events,
        delivery: search.delivery,
        exported: new RedisExportedVersions(context.redis),
        indexPrefix: search.eventsIndexPrefix,
        logger,
      }),
      queue: context.queueFor('event-export'),
      informers: [{ informer: events, keysFor: (e) => [objectKey(e.metadata.namespace, e.metadata.name!)] }],
      resyncPeriodMs: context.settings.resyncPeriodMs,
      concurrency: context.settings.concurrency,
      onError: (err) => logger.warn({ err }, 'event-export: could not queue a key'),
    });
  },
};
