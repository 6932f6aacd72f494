import type { KubeObject } from '#api';
import type { AllocationOwner, Store } from '#store';
import type { Logger } from 'pino';
import { allocationKey } from '../strategies/object-allocator.js';
import type { ServiceAllocator } from './service-allocator.js';
import { needsClusterIP, serviceSpec } from './service-shape.js';

const RESOURCE = 'services';

/**
 * Start-up repair, as kube-apiserver's cluster IP and node port repair controllers: every
 * value a stored Service holds is marked in its pool, and every pool value no Service holds
 * any more is freed. Each step is guarded by the Service's resourceVersion as listed, so a
 * write another apiserver makes meanwhile is never undone. Needed after a range change (a
 * new pool), a restored backup, or Services stored before allocation existed.
 */
export async function repairServiceAllocations(
  store: Store,
  allocator: ServiceAllocator,
  logger: Logger,
): Promise<void> {
  const { items } = await store.list(RESOURCE);
  const listed = new Map(items.map((svc) => [ownerKey(ownerOf(svc)), svc]));
  for (const svc of items) {
    const spec = serviceSpec(structuredClone(svc));
    const id = `${svc.metadata.namespace}/${svc.metadata.name}`;
    if (needsClusterIP(spec) && spec.clusterIP && allocator.ips.offsetOf(spec.clusterIP) === undefined) {
      logger.error(
        { service: id, clusterIP: spec.clusterIP, range: allocator.ips.text },
        'the cluster IP of this Service is not within the service CIDR; please recreate the Service',
      );
    }
    for (const allocation of allocator.held(svc)) {
      const result = await store.repairAllocation(allocation, ownerOf(svc), 'claim', svc.metadata.resourceVersion!);
      if (typeof result === 'object') {
        logger.error(
          { service: id, pool: allocation.pool, offset: allocation.offset, heldBy: result.heldBy },
          'a value of this Service is also held by another object; recreate one of them',
        );
      }
    }
  }
  for (const pool of [allocator.ips.pool, allocator.nodePorts.pool]) {
    for (const [offset, owner] of await store.allocationOwners(pool)) {
      if (owner.resource !== RESOURCE) continue;
      const svc = listed.get(ownerKey(owner));
      const stillHeld = svc && allocator.held(svc).some((a) => allocationKey(a) === allocationKey({ pool, offset }));
      if (stillHeld) continue;
      const result = await store.repairAllocation(
        { pool, offset },
        owner,
        'release',
        svc?.metadata.resourceVersion ?? '',
      );
      if (result === 'done') logger.info({ pool, offset, owner }, 'released a value no Service holds any more');
    }
  }
}

function ownerOf(svc: KubeObject): AllocationOwner {
  return { resource: RESOURCE, namespace: svc.metadata.namespace ?? '', name: svc.metadata.name! };
}

function ownerKey(owner: AllocationOwner): string {
  return `${owner.namespace}/${owner.name}`;
}
