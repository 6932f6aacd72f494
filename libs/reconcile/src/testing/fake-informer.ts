import type { Informer, InformerHandlers } from '#client';
import type { KubeObject, ResourceType } from '#api';

/** An in-memory Informer for tests: set() and remove() fire handlers; the resourceVersion is set by hand. */
export class FakeInformer<T extends KubeObject> implements Informer<T> {
  private readonly objects = new Map<string, T>();
  private readonly handlers: InformerHandlers<T>[] = [];
  private resourceVersion = 0n;
  private synced = false;
  private readonly waiters = new Set<() => void>();

  constructor(readonly type: ResourceType) {}

  addHandlers(handlers: InformerHandlers<T>): void {
    this.handlers.push(handlers);
  }

  async start(): Promise<void> {
    this.synced = true;
  }

  stop(): void {
    this.synced = false;
  }

  hasSynced(): boolean {
    return this.synced;
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.objects.get(`${namespace ?? ''}/${name}`);
  }

  list(namespace?: string): T[] {
    return [...this.objects.values()].filter((obj) => namespace === undefined || obj.metadata.namespace === namespace);
  }

  lastResourceVersion(): string {
    return String(this.resourceVersion);
  }

  async waitForResourceVersion(rv: string, timeoutMs: number): Promise<boolean> {
    const target = BigInt(rv);
    if (this.resourceVersion >= target) return true;
    return new Promise<boolean>((resolve) => {
      const check = () => {
        if (this.resourceVersion < target) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Moves the cache to `rv`, as if events up to it had been seen. */
  setResourceVersion(rv: string): void {
    this.resourceVersion = BigInt(rv);
    for (const waiter of [...this.waiters]) waiter();
  }

  set(obj: T): void {
    const id = this.id(obj);
    const old = this.objects.get(id);
    this.objects.set(id, obj);
    for (const h of this.handlers) {
      if (old) h.update?.(old, obj);
      else h.add?.(obj);
    }
  }

  remove(obj: T): void {
    const id = this.id(obj);
    const old = this.objects.get(id) ?? obj;
    this.objects.delete(id);
    for (const h of this.handlers) h.delete?.(old);
  }

  private id(obj: T): string {
    return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
  }
}
