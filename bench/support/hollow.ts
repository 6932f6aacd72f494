import { BUILTIN_RESOURCES, type KubeObject, type Node, type Pod, type ResourceType } from '#api';
import { connectionFromKubeconfig, createApiClient, type ApiClient } from '#client';
import { LatencyRecorder } from './stats.js';

/** A built-in resource type by its plural name and group ('' for core). */
export function resourceType(resource: string, group = ''): ResourceType {
  return BUILTIN_RESOURCES.find((t) => t.group === group && t.resource === resource)!;
}

/** kubenest's own client: pooled keep-alive connections, so setup is not bounded by TLS handshakes. */
export function adminClient(kubeconfigPath: string): ApiClient {
  return createApiClient(connectionFromKubeconfig(kubeconfigPath), { maxSockets: 64, userAgent: 'kubenest-bench' });
}

/**
 * A hollow node: a Node object with nothing behind it, reporting Ready and the capacity of a
 * 4-cpu/16Gi machine. Benchmarks that use them run no node-lifecycle controller, so no Lease
 * is needed to keep them Ready.
 */
export function hollowNode(name: string): Node {
  const capacity = { cpu: '4', memory: '16Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'bench.kubenest.io/hollow': 'true' } },
    spec: {},
    status: {
      capacity,
      allocatable: capacity,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'hollow node' }],
    },
  } as Node;
}

/** The pod shape the scheduling benchmarks place: one container requesting 10m / 16Mi. */
export function smallPodSpec(image = 'localhost:5000/microservice:1.0'): NonNullable<Pod['spec']> {
  return {
    containers: [{ name: 'app', image, resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
  } as NonNullable<Pod['spec']>;
}

export function smallPod(namespace: string, name: string, labels: Record<string, string> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: smallPodSpec() } as Pod;
}

/** Creates every object, `parallel` requests at a time; failures are counted, not thrown. */
export async function createAll(
  client: ApiClient,
  type: ResourceType,
  objects: readonly KubeObject[],
  parallel = 32,
): Promise<LatencyRecorder> {
  const recorder = new LatencyRecorder();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < objects.length) {
        const object = objects[next++];
        const began = performance.now();
        try {
          await client.create(type, object);
          recorder.record(performance.now() - began);
        } catch (error) {
          recorder.fail(error);
        }
      }
    }),
  );
  return recorder;
}

export async function createHollowNodes(client: ApiClient, count: number): Promise<LatencyRecorder> {
  const nodes = Array.from({ length: count }, (_, i) => hollowNode(`hollow-${String(i).padStart(4, '0')}`));
  return createAll(client, resourceType('nodes'), nodes);
}

export async function createNamespace(client: ApiClient, name: string): Promise<void> {
  await client.create(resourceType('namespaces'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** When this process first saw each pod in a state, epoch ms, by pod name. */
export interface PodTimes {
  seen: Map<string, number>;
  bound: Map<string, number>;
  running: Map<string, number>;
}

/** A pod is running once its phase says so and every container reports a running state. */
export function isRunning(pod: Pod): boolean {
  const statuses = pod.status?.containerStatuses ?? [];
  return (
    pod.status?.phase === 'Running' &&
    statuses.length === (pod.spec?.containers.length ?? 0) &&
    statuses.every((s) => !!s.state?.running)
  );
}

/**
 * Watches one namespace's pods and stamps when each was first seen, first seen bound
 * (spec.nodeName set) and first seen running. Times are receive times in this process, so
 * they include watch delivery, as for any client waiting on the API. A watch the server
 * ends is resumed from the last resourceVersion; errors are counted.
 */
export class PodWatch {
  readonly times: PodTimes = { seen: new Map(), bound: new Map(), running: new Map() };
  readonly errors = new LatencyRecorder();
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly client: ApiClient,
    private readonly namespace: string,
  ) {}

  async start(): Promise<void> {
    const list = await this.client.list<Pod>(resourceType('pods'), { namespace: this.namespace });
    for (const pod of list.items) this.observe(pod);
    this.loop = this.run(list.metadata?.resourceVersion ?? '0');
  }

  private async run(resourceVersion: string): Promise<void> {
    let rv = resourceVersion;
    while (!this.abort.signal.aborted) {
      try {
        const events = this.client.watch<Pod>(
          resourceType('pods'),
          { namespace: this.namespace, resourceVersion: rv, allowWatchBookmarks: true },
          this.abort.signal,
        );
        for await (const event of events) {
          rv = event.object.metadata?.resourceVersion ?? rv;
          if (event.type === 'ADDED' || event.type === 'MODIFIED') this.observe(event.object);
        }
      } catch (error) {
        if (!this.abort.signal.aborted) this.errors.fail(error);
      }
    }
  }

  private observe(pod: Pod): void {
    const name = pod.metadata.name!;
    const now = epochMs();
    const { seen, bound, running } = this.times;
    if (!seen.has(name)) seen.set(name, now);
    if (pod.spec?.nodeName && !bound.has(name)) bound.set(name, now);
    if (isRunning(pod) && !running.has(name)) running.set(name, now);
  }

  /** Resolves true once `done()` holds, false at the deadline; checks every 50 ms. */
  async until(done: (times: PodTimes) => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (!done(this.times)) {
      if (performance.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return true;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }
}

/** Events per second from the first to the last of a set of timestamps (n-1 intervals). */
export function ratePerSecond(timestamps: Iterable<number>): { count: number; spanMs: number; perSecond: number } {
  const sorted = [...timestamps].sort((a, b) => a - b);
  const spanMs = sorted.length > 1 ? sorted[sorted.length - 1] - sorted[0] : Number.NaN;
  return { count: sorted.length, spanMs, perSecond: sorted.length > 1 ? (sorted.length - 1) / (spanMs / 1000) : NaN };
}
