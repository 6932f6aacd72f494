import { apiVersionOf, type KubeObject, type ResourceType } from '#api';
import type { ApiClient } from './api-client.js';
import type { Informer } from './informer.js';
import type { InformerScope } from './informer-scope.js';
import { ListWatchInformer } from './list-watch-informer.js';
import type { ListWatchInformerOptions } from './list-watch-informer-options.js';

/**
 * One informer per (kind, scope) for a whole process, as client-go's SharedInformerFactory:
 * controllers that watch pods share one watch and one cache instead of each holding its own.
 */
export class InformerFactory {
  private readonly informers = new Map<string, ListWatchInformer<KubeObject>>();
  private started = false;

  constructor(
    private readonly client: ApiClient,
    private readonly options: Omit<ListWatchInformerOptions, keyof InformerScope> = {},
  ) {}

  informerFor<T extends KubeObject>(type: ResourceType, scope: InformerScope = {}): Informer<T> {
    const key = [apiVersionOf(type), type.resource, scope.namespace, scope.labelSelector, scope.fieldSelector]
      .map((part) => part ?? '')
      .join('|');
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new ListWatchInformer<KubeObject>(this.client, type, { ...this.options, ...scope });
      this.informers.set(key, informer);
      // Controllers registered after startAll() get a running informer too.
      if (this.started) void informer.start();
    }
    return informer as unknown as Informer<T>;
  }

  /** Starts every informer asked for so far; resolves when all have their first list. */
  async startAll(): Promise<void> {
    this.started = true;
    await Promise.all([...this.informers.values()].map((informer) => informer.start()));
  }

  stopAll(): void {
    this.started = false;
    for (const informer of this.informers.values()) informer.stop();
  }
}
