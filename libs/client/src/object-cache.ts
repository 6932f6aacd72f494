import type { KubeObject } from '#api';

/**
 * An informer's store: objects by namespace/name, with an index by namespace so that a
 * controller listing one namespace does not scan the whole kind.
 */
export class ObjectCache<T extends KubeObject> {
  private readonly objects = new Map<string, T>();
  private readonly byNamespace = new Map<string, Map<string, T>>();

  static keyOf(namespace: string | undefined, name: string): string {
    return `${namespace ?? ''}/${name}`;
  }

  static keyOfObject(obj: KubeObject): string {
    return ObjectCache.keyOf(obj.metadata.namespace, obj.metadata.name ?? '');
  }

  get size(): number {
    return this.objects.size;
  }

  get(key: string): T | undefined {
    return this.objects.get(key);
  }

  keys(): IterableIterator<string> {
    return this.objects.keys();
  }

  /** Stores `obj` and returns what it replaced. */
  set(obj: T): T | undefined {
    const key = ObjectCache.keyOfObject(obj);
    const old = this.objects.get(key);
    this.objects.set(key, obj);
    const namespace = obj.metadata.namespace ?? '';
    let index = this.byNamespace.get(namespace);
    if (!index) this.byNamespace.set(namespace, (index = new Map()));
    index.set(key, obj);
    return old;
  }

  /** Removes the object at `key` and returns it. */
  delete(key: string): T | undefined {
    const old = this.objects.get(key);
    if (!old) return undefined;
    this.objects.delete(key);
    const namespace = old.metadata.namespace ?? '';
    const index = this.byNamespace.get(namespace);
    index?.delete(key);
    if (index?.size === 0) this.byNamespace.delete(namespace);
    return old;
  }

  list(namespace?: string): T[] {
    if (namespace === undefined) return [...this.objects.values()];
    return [...(this.byNamespace.get(namespace)?.values() ?? [])];
  }
}
