import type { KubeList, KubeObject, ResourceType, WatchEvent } from '#api';
import type { ApiClient, ListQuery, WatchQuery } from './api-client.js';

/** What one watch() call does: yield `events`, then end, fail with `error`, or stay open until aborted. */
export interface WatchScript {
  events?: WatchEvent<KubeObject>[];
  then?: 'end' | 'hang' | Error;
}

/**
 * An ApiClient for informer unit tests: lists from `listResponder`, watches follow queued
 * scripts (an unscripted watch stays open until aborted). Writes are not part of it.
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
  create(): never {
    throw new Error('FakeApiClient: create is not scripted');
  }
  update(): never {
    throw new Error('FakeApiClient: update is not scripted');
  }
  patch(): never {
    throw new Error('FakeApiClient: patch is not scripted');
  }
  delete(): never {
    throw new Error('FakeApiClient: delete is not scripted');
  }
  postSubresource(): never {
    throw new Error('FakeApiClient: postSubresource is not scripted');
  }
  close(): void {}
}
