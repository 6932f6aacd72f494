import type { Node, Pod } from '#api';
import type { Informer } from '#client';
import type { SchedulerCache } from './scheduler-cache.js';

/**
 * Feeds the cache from the informers. Register before the queueing handlers, so a pod or
 * node event that requeues pods finds the cache already changed.
 */
export function registerCacheHandlers(cache: SchedulerCache, pods: Informer<Pod>, nodes: Informer<Node>): void {
  pods.addHandlers({
    add: (pod) => cache.updatePod(pod),
    update: (_, pod) => cache.updatePod(pod),
    delete: (pod) => cache.removePod(pod),
  });
  nodes.addHandlers({
    add: (node) => cache.setNode(node),
    update: (_, node) => cache.setNode(node),
    delete: (node) => cache.removeNode(node.metadata.name ?? ''),
  });
}
