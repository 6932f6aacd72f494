import type { KubeList, KubeObject, ResourceType, WatchEvent } from '#api';

/** Where and as whom a component reaches the apiserver (from its kubeconfig). */
export interface ClusterConnection {
  server: string;
  caPem: string;
  token: string;
}

export interface ListQuery {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

export interface WatchQuery extends Omit<ListQuery, 'limit' | 'continue'> {
  resourceVersion: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
}

export type PatchType = 'json' | 'merge' | 'strategic';

export interface WriteQuery {
  subresource?: 'status' | 'scale' | 'finalize';
  dryRun?: boolean;
  fieldManager?: string;
}

export interface DeleteQuery {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/**
 * The Kubernetes REST API as components use it: plain Kubernetes JSON objects, pooled
 * keep-alive HTTPS connections, errors thrown as ApiError rebuilt from the server's Status.
 */
export interface ApiClient {
  get<T extends KubeObject>(type: ResourceType, namespace: string | undefined, name: string): Promise<T | undefined>;
  list<T extends KubeObject>(type: ResourceType, query?: ListQuery): Promise<KubeList<T>>;
  create<T extends KubeObject>(type: ResourceType, obj: T, query?: WriteQuery): Promise<T>;
  update<T extends KubeObject>(type: ResourceType, obj: T, query?: WriteQuery): Promise<T>;
  patch<T extends KubeObject>(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    patchType: PatchType,
    query?: WriteQuery,
  ): Promise<T>;
  delete(type: ResourceType, namespace: string | undefined, name: string, query?: DeleteQuery): Promise<void>;
  /** POST to a subresource such as pods/binding or pods/eviction. */
  postSubresource(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    subresource: string,
    body: unknown,
  ): Promise<unknown>;
  /** Events until the server ends the watch or `signal` aborts. */
  watch<T extends KubeObject>(
    type: ResourceType,
    query: WatchQuery,
    signal?: AbortSignal,
  ): AsyncIterable<WatchEvent<T>>;
  close(): void;
}
