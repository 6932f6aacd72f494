import { isDeepStrictEqual } from 'node:util';
import { ApiError, type Endpoints, type Pod, type Service } from '#api';
import type { ApiClient, EventRecorder, Informer } from '#client';
import { splitObjectKey, type Reconciler } from '#reconcile';
import { endpointSubsets } from './endpoint-subsets.js';
import { ENDPOINTS } from './endpoints-resources.js';
import { inheritedLabels, LAST_CHANGE_TRIGGER_TIME, selects, selectsPods } from './pod-endpoints.js';

/** Kubernetes 1.33 marks the Endpoints its controller owns (and mirrors only unmarked ones). */
export const ENDPOINTS_MANAGED_BY = 'endpoints.kubernetes.io/managed-by';
export const ENDPOINT_CONTROLLER = 'endpoint-controller';

export const EndpointsEventReason = {
  failedToCreate: 'FailedToCreateEndpoint',
  failedToUpdate: 'FailedToUpdateEndpoint',
} as const;

export interface EndpointsReconcilerDeps {
  client: ApiClient;
  services: Informer<Service>;
  pods: Informer<Pod>;
  endpoints: Informer<Endpoints>;
  recorder: EventRecorder;
  now?: () => Date;
}

/**
 * The endpoints controller: a Service with a selector gets a v1 Endpoints of its name listing
 * the selected pods; a Service without one is left alone (its Endpoints are the user's); the
 * Endpoints go with their Service. Names are the Service's, so two controller-manager
 * processes converge on one object: a create that loses is AlreadyExists and is retried.
 */
export class EndpointsReconciler implements Reconciler {
  readonly name = 'endpoints';

  constructor(private readonly deps: EndpointsReconcilerDeps) {}

  async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitObjectKey(key);
    const svc = this.deps.services.get(namespace, name);
    const current = this.deps.endpoints.get(namespace, name);
    if (!svc) {
      if (current && current.metadata.labels?.[ENDPOINTS_MANAGED_BY] === ENDPOINT_CONTROLLER) {
        await this.deleteEndpoints(current);
      }
      return;
    }
    if (!selectsPods(svc) || svc.metadata.deletionTimestamp) return;

    const pods = this.deps.pods.list(namespace).filter((pod) => selects(svc, pod));
    const subsets = endpointSubsets(svc, pods);
    const labels = { ...inheritedLabels(svc), [ENDPOINTS_MANAGED_BY]: ENDPOINT_CONTROLLER };
    if (
      current &&
      isDeepStrictEqual(current.subsets ?? [], subsets) &&
      isDeepStrictEqual(current.metadata.labels ?? {}, labels)
    ) {
      return;
    }
    const annotations = {
      ...current?.metadata.annotations,
      [LAST_CHANGE_TRIGGER_TIME]: this.now()
        .toISOString()
        .replace(/\.\d+Z$/, 'Z'),
    };
    const desired: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...current?.metadata, name, namespace, labels, annotations },
      ...(subsets.length ? { subsets } : {}),
    };
    if (!current) {
      try {
        await this.deps.client.create(ENDPOINTS, desired);
      } catch (error) {
        // A terminating namespace refuses new content; the namespace controller is emptying it.
        if (error instanceof ApiError && error.reason === 'Forbidden') return;
        this.failed(
          svc,
          EndpointsEventReason.failedToCreate,
          `Failed to create endpoint for service ${key}: ${message(error)}`,
        );
        throw error;
      }
      return;
    }
    try {
      await this.deps.client.update(ENDPOINTS, desired);
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === 'Conflict')) {
        this.failed(svc, EndpointsEventReason.failedToUpdate, `Failed to update endpoint ${key}: ${message(error)}`);
      }
      throw error;
    }
  }

  private async deleteEndpoints(ep: Endpoints): Promise<void> {
    try {
      await this.deps.client.delete(ENDPOINTS, ep.metadata.namespace, ep.metadata.name!, {
        preconditions: { uid: ep.metadata.uid },
      });
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === 'NotFound')) throw error;
    }
  }

  private failed(svc: Service, reason: string, text: string): void {
    this.deps.recorder.event(svc, 'Warning', reason, text);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
