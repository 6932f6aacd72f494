import type { KubeObject } from '#api';
import type { Informer } from '#client';
import type { Expectations } from './expectations.js';
import type { Reconciler } from './reconciler.js';
import type { WorkQueue } from './work-queue.js';

/** An informer and the queue keys its objects map to (a pod -> its owner ReplicaSet's key). */
export interface ControllerSource<T extends KubeObject = KubeObject> {
  informer: Informer<T>;
  keysFor(obj: T): string[];
}

export interface ControllerOptions {
  reconciler: Reconciler;
  queue: WorkQueue;
  /** The first is the primary kind: resync re-adds the keys of all its objects. */
  informers: ControllerSource[];
  /** Re-adds every primary key this often, so a missed event or a dropped key heals. 0: never. */
  resyncPeriodMs?: number;
  concurrency?: number;
  /** With expectations, a key runs only once every informer has seen the key's last writes. */
  expectations?: Expectations;
  /** Delay before a key whose informers lag is tried again. Default 1 s. */
  notCaughtUpRequeueMs?: number;
  /** Receives failures to add a key (Redis down); the next event or resync adds it again. */
  onError?(err: unknown): void;
}

export interface RunningController {
  /** Stops resync and the workers (running reconciles finish), then the informers. */
  stop(): Promise<void>;
}

/**
 * The informer -> workqueue -> reconciler loop of kubernetes/sample-controller. Event payloads
 * only choose keys; the reconciler reads current state itself (level-triggered). It owns the
 * informers given to it: it starts them before the workers and stops them after.
 */
export async function runController(options: ControllerOptions): Promise<RunningController> {
  const { queue, informers } = options;
  const enqueue = (keys: Iterable<string>) => {
    for (const key of new Set(keys)) queue.add(key).catch((err: unknown) => options.onError?.(err));
  };
  for (const { informer, keysFor } of informers) {
    informer.addHandlers({
      add: (obj) => enqueue(keysFor(obj)),
      // Both: an object that changed owner or labels concerns its old and its new keys.
      update: (oldObj, newObj) => enqueue([...keysFor(oldObj), ...keysFor(newObj)]),
      delete: (obj) => enqueue(keysFor(obj)),
    });
  }
  await Promise.all(informers.map(({ informer }) => informer.start()));

  await queue.run(guardedReconciler(options), { concurrency: options.concurrency });

  const primary = informers[0];
  const resync =
    primary && options.resyncPeriodMs
      ? setInterval(
          () => enqueue(primary.informer.list().flatMap((obj) => primary.keysFor(obj))),
          options.resyncPeriodMs,
        )
      : undefined;
  resync?.unref();

  return {
    async stop() {
      clearInterval(resync);
      await queue.close();
      for (const { informer } of informers) informer.stop();
    },
  };
}

/** Wraps the reconciler so that a key is not acted on from caches older than its last writes. */
function guardedReconciler(options: ControllerOptions): Reconciler {
  const { reconciler, expectations } = options;
  if (!expectations) return reconciler;
  const informers = options.informers.map(({ informer }) => informer);
  return {
    name: reconciler.name,
    async reconcile(key) {
      if (!(await expectations.awaitCaughtUp(key, informers)))
        return { requeueAfterMs: options.notCaughtUpRequeueMs ?? 1000 };
      return reconciler.reconcile(key);
    },
  };
}
