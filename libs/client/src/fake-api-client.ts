import type { KubeList, KubeObject, ResourceType, WatchEvent } from '#api';
import type { ApiClient, ListQuery, WatchQuery } from './api-client.js';

/** What one watch() call does: yield `events`, then end, fail with `error`, or stay open until aborted. */
interface WatchScript {
  events?: WatchEvent<KubeObject>[];
  then?: 'end' | 'hang' | Error;
}

/** A create or patch the fake received. */
interface RecordedWrite {
  verb: 'create' | 'patch';
  namespace: string | undefined;
  name: string;
  body: unknown;
}

/**
 * An ApiClient for unit tests: lists from `listResponder`, watches follow queued scripts (an
 * unscripted watch stays open until aborted), creates and patches are recorded and succeed
 * unless `writeFailures` holds an error for them.
 */
export class FakeApiClient implements ApiClient {
  readonly listCalls: ListQuery[] = [];
  readonly watchCalls: WatchQuery[] = [];
  listResponder: (query: ListQuery) => KubeList<KubeObject> = () => ({
    apiVersion: 'v1',
    kind: 'List',
    metadata: { resourceVersion: '1' },
    items: [],
  });
  readonly writes: RecordedWrite[] = [];
  readonly writeFailures: Error[] = [];
  private readonly scripts: WatchScript[] = [];

  scriptWatch(...scripts: WatchScript[]): void {
    this.scripts.push(...scripts);
  }

  async list<T extends KubeObject>(_type: ResourceType, query: ListQuery = {}): Promise<KubeList<T>> {
    this.listCalls.push(query);
    return structuredClone(this.listResponder(query)) as KubeList<T>;
  }

  async *watch<T extends KubeObject>(
    _type: ResourceType,
    query: WatchQuery,
    signal?: AbortSignal,
  ): AsyncIterable<WatchEvent<T>> {
    this.watchCalls.push(query);
    const script = this.scripts.shift() ?? { then: 'hang' };
    for (const event of script.events ?? []) {
      if (signal?.aborted) return;
      yield structuredClone(event) as WatchEvent<T>;
    }
    if (script.then instanceof Error) throw script.then;
    if (script.then === 'hang' && signal && !signal.aborted) {
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    }
  }

  get(): never {
    throw new Error('FakeApiClient: get is not scripted');
  }
  async create<T extends KubeObject>(_type: ResourceType, obj: T): Promise<T> {
    const failure = this.writeFailures.shift();
    if (failure) throw failure;
    this.writes.push({ verb: 'create', namespace: obj.metadata.namespace, name: obj.metadata.name ?? '', body: obj });
    return obj;
  }
  update(): never {
    throw new Error('FakeApiClient: update is not scripted');
  }
  async patch<T extends KubeObject>(
    _type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
  ): Promise<T> {
    const failure = this.writeFailures.shift();
    if (failure) throw failure;
    this.writes.push({ verb: 'patch', namespace, name, body: patch });
    return { metadata: { namespace, name } } as T;
  }
  delete(): never {
    throw new Error('FakeApiClient: delete is not scripted');
  }
  postSubresource(): never {
    throw new Error('FakeApiClient: postSubresource is not scripted');
  }
  close(): void {}
}
