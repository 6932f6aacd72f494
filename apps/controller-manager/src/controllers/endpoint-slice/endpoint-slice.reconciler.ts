import { isDeepStrictEqual } from 'node:util';
import { ApiError, type EndpointSlice, type Pod, type Service } from '#api';
import type { ApiClient, EventRecorder, Informer } from '#client';
import { splitObjectKey, type Reconciler } from '#reconcile';
import { ENDPOINT_SLICES } from '../endpoints/endpoints-resources.js';
import {
  inheritedLabels,
  LAST_CHANGE_TRIGGER_TIME,
  SERVICE_NAME_LABEL,
  selects,
  selectsPods,
} from '../endpoints/pod-endpoints.js';
import { desiredSlices, MAX_ENDPOINTS_PER_SLICE, type SliceContent } from './desired-slices.js';

export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller.k8s.io';

export const EndpointSliceEventReason = {
  failedToUpdate: 'FailedToUpdateEndpointSlices',
} as const;

export interface EndpointSliceReconcilerDeps {
  client: ApiClient;
  services: Informer<Service>;
  pods: Informer<Pod>;
  slices: Informer<EndpointSlice>;
  recorder: EventRecorder;
  maxEndpointsPerSlice?: number;
  now?: () => Date;
}

/**
 * The EndpointSlice controller: the slices of every Service with a selector, labelled with
 * the Service's name and this controller, owned by the Service. Slice names are
 * `<service>-<n>` (Kubernetes generates them; consumers find slices by label), which makes
 * every write idempotent across controller-manager processes: a create that loses is
 * AlreadyExists, an update from a stale cache is a Conflict, and both are retried.
 */
export class EndpointSliceReconciler implements Reconciler {
  readonly name = 'endpointslice';

  constructor(private readonly deps: EndpointSliceReconcilerDeps) {}

  async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitObjectKey(key);
    const svc = this.deps.services.get(namespace, name);
    const existing = this.deps.slices
      .list(namespace)
      .filter(
        (s) =>
          s.metadata.labels?.[SERVICE_NAME_LABEL] === name &&
          s.metadata.labels?.[MANAGED_BY_LABEL] === ENDPOINTSLICE_CONTROLLER,
      );
    if (!svc || !selectsPods(svc) || svc.metadata.deletionTimestamp) {
      // Gone, or no longer selecting: its slices go (the garbage collector would, for the first case, too).
      for (const slice of existing) await this.remove(slice);
      return;
    }
    const pods = this.deps.pods.list(namespace).filter((pod) => selects(svc, pod));
    const wanted = desiredSlices(svc, pods, this.deps.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE);
    const byName = new Map(existing.map((s) => [s.metadata.name!, s]));
    try {
      for (const [i, content] of wanted.entries()) {
        const sliceName = `${name}-${i}`;
        await this.write(svc, sliceName, content, byName.get(sliceName));
        byName.delete(sliceName);
      }
      for (const surplus of byName.values()) await this.remove(surplus);
    } catch (error) {
      if (!(error instanceof ApiError && (error.reason === 'Conflict' || error.reason === 'AlreadyExists'))) {
        this.deps.recorder.event(
          svc,
          'Warning',
          EndpointSliceEventReason.failedToUpdate,
          `Error updating Endpoint Slices for Service ${key}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      throw error;
    }
  }

  private async write(svc: Service, name: string, content: SliceContent, current: EndpointSlice | undefined) {
    const labels = {
      ...inheritedLabels(svc),
      [SERVICE_NAME_LABEL]: svc.metadata.name!,
      [MANAGED_BY_LABEL]: ENDPOINTSLICE_CONTROLLER,
    };
    const ownerReferences = [
      {
        apiVersion: 'v1',
        kind: 'Service',
        name: svc.metadata.name!,
        uid: svc.metadata.uid!,
        controller: true,
        blockOwnerDeletion: true,
      },
    ];
    if (
      current &&
      isDeepStrictEqual(current.endpoints ?? [], content.endpoints) &&
      isDeepStrictEqual(current.ports ?? [], content.ports) &&
      isDeepStrictEqual(current.metadata.labels ?? {}, labels) &&
      isDeepStrictEqual(current.metadata.ownerReferences ?? [], ownerReferences)
    ) {
      return;
    }
    const now = (this.deps.now?.() ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        ...current?.metadata,
        name,
        namespace: svc.metadata.namespace,
        labels,
        annotations: { ...current?.metadata.annotations, [LAST_CHANGE_TRIGGER_TIME]: now },
        ownerReferences,
      },
      addressType: 'IPv4',
      endpoints: content.endpoints,
      ...(content.ports.length ? { ports: content.ports } : {}),
    };
    if (current) await this.deps.client.update(ENDPOINT_SLICES, slice);
    else {
      try {
        await this.deps.client.create(ENDPOINT_SLICES, slice);
      } catch (error) {
        // A terminating namespace refuses new content; the namespace controller is emptying it.
        if (!(error instanceof ApiError && error.reason === 'Forbidden')) throw error;
      }
    }
  }

  private async remove(slice: EndpointSlice): Promise<void> {
    try {
      await this.deps.client.delete(ENDPOINT_SLICES, slice.metadata.namespace, slice.metadata.name!, {
        preconditions: { uid: slice.metadata.uid },
      });
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === 'NotFound')) throw error;
    }
  }
}
