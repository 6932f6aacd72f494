import type { KubeList, KubeObject, ResourceType } from '#api';
import type { ApiClient, DeleteQuery, WriteQuery } from '#client';

export interface RecordedAction {
  verb: 'create' | 'delete' | 'patch' | 'get' | 'list';
  resource: string;
  name: string;
  subresource?: string;
  body?: unknown;
}

/**
 * An ApiClient for reconciler unit tests: records every call, answers creates with a
 * generated name and a rising resourceVersion, and fails the n-th create or delete when
 * `failOn` says so. `objects` answers get().
 */
export class RecordingApiClient implements ApiClient {
  readonly actions: RecordedAction[] = [];
  readonly objects = new Map<string, KubeObject>();
  failOn: (action: RecordedAction) => Error | undefined = () => undefined;
  private resourceVersion = 1000;
  private names = 0;

  verbs(verb: RecordedAction['verb'], resource = 'pods'): RecordedAction[] {
    return this.actions.filter((a) => a.verb === verb && a.resource === resource && !a.subresource);
  }

  private record(action: RecordedAction): void {
    this.actions.push(action);
    const failure = this.failOn(action);
    if (failure) throw failure;
  }

  async get<T extends KubeObject>(type: ResourceType, namespace: string | undefined, name: string) {
    this.record({ verb: 'get', resource: type.resource, name });
    return structuredClone(this.objects.get(`${namespace}/${name}`)) as T | undefined;
  }
  async list<T extends KubeObject>(type: ResourceType): Promise<KubeList<T>> {
    this.record({ verb: 'list', resource: type.resource, name: '' });
    return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(this.resourceVersion) }, items: [] };
  }
  async create<T extends KubeObject>(type: ResourceType, obj: T): Promise<T> {
    const name = obj.metadata.name ?? `${obj.metadata.generateName ?? ''}${String(++this.names).padStart(5, '0')}`;
    this.record({ verb: 'create', resource: type.resource, name, body: obj });
    return { ...obj, metadata: { ...obj.metadata, name, resourceVersion: String(++this.resourceVersion) } };
  }
  async update<T extends KubeObject>(_type: ResourceType, obj: T): Promise<T> {
    return obj;
  }
  async patch<T extends KubeObject>(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    _patchType: unknown,
    query: WriteQuery = {},
  ): Promise<T> {
    this.record({ verb: 'patch', resource: type.resource, name, subresource: query.subresource, body: patch });
    return { metadata: { namespace, name, resourceVersion: String(++this.resourceVersion) } } as T;
  }
  async delete(type: ResourceType, _namespace: string | undefined, name: string, query?: DeleteQuery) {
    this.record({ verb: 'delete', resource: type.resource, name, body: query });
    this.resourceVersion++;
  }
  postSubresource(): never {
    throw new Error('RecordingApiClient: postSubresource is not used by the replication controllers');
  }
  watch(): never {
    throw new Error('RecordingApiClient: reconcilers read informers, never watch');
  }
  close(): void {}
}
