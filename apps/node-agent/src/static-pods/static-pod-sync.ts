import type { Logger } from 'pino';
import { ApiError, type Node, type Pod } from '#api';
import type { ApiClient } from '#client';
import { Resources } from '../pods/resources.js';
import { writePodStatus } from '../status/write-pod-status.js';
import { mirrorAnnotations, mirrorPodFor, mirrorPodStatus } from './mirror-pod.js';
import { healthAnswers, pidAlive } from './process-liveness.js';
import { readStaticPods, type StaticPod } from './read-manifests.js';
import { isMirrorPod, StaticPodAnnotations } from './static-pod-annotations.js';

export interface StaticPodSyncOptions {
  /** The kubelet's --pod-manifest-path. */
  manifestDir: string;
  nodeName: string;
  hostIP: string;
  client: ApiClient;
  logger: Logger;
  periodMs?: number;
}

/**
 * The kubelet's static pods for the processes `kubenest up` supervises. The agent does not
 * run them (up does, and stops the cluster when one dies); it only publishes them: one
 * mirror pod per manifest, its status from the process's liveness, recreated when a user
 * deletes it, replaced when the manifest changes, deleted when the manifest goes. Level-
 * triggered on a period, like the kubelet's file source (which polls too).
 */
export class StaticPodSync {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly lastWritten = new Map<string, string>();

  constructor(private readonly options: StaticPodSyncOptions) {}

  async start(): Promise<void> {
    await this.syncOnce().catch((err: unknown) => this.options.logger.warn({ err }, 'static pod sync failed'));
    this.timer = setInterval(() => {
      this.running ??= this.syncOnce()
        .catch((err: unknown) => this.options.logger.warn({ err }, 'static pod sync failed'))
        .finally(() => (this.running = undefined));
    }, this.options.periodMs ?? 2_000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async syncOnce(): Promise<void> {
    const { client, nodeName, manifestDir, logger } = this.options;
    const wanted = await readStaticPods(manifestDir, nodeName, logger);
    const onNode = await client.list<Pod>(Resources.pods, { fieldSelector: `spec.nodeName=${nodeName}` });
    const mirrors = onNode.items.filter(isMirrorPod);
    const key = (ns: string | undefined, name: string) => `${ns}/${name}`;
    const byKey = new Map(wanted.map((pod) => [key(pod.namespace, pod.name), pod]));

    for (const mirror of mirrors) {
      const pod = byKey.get(key(mirror.metadata.namespace, mirror.metadata.name!));
      // Gone from disk, changed on disk, or deleted by a user: released now, recreated below if still wanted.
      if (
        !pod ||
        mirror.metadata.annotations?.[StaticPodAnnotations.mirror] !== pod.hash ||
        mirror.metadata.deletionTimestamp
      ) {
        await this.deleteMirror(mirror);
        continue;
      }
      await this.syncMirror(pod, mirror);
    }
    const present = new Set(
      mirrors.filter((m) => !m.metadata.deletionTimestamp).map((m) => key(m.metadata.namespace, m.metadata.name!)),
    );
    for (const pod of wanted) {
      if (present.has(key(pod.namespace, pod.name))) continue;
      const created = await this.createMirror(pod);
      if (created) await this.syncMirror(pod, created);
    }
  }

  private async createMirror(pod: StaticPod): Promise<Pod | undefined> {
    const { client, nodeName, logger } = this.options;
    const node = await client.get<Node>(Resources.nodes, undefined, nodeName);
    if (!node) return undefined; // Not registered yet: the next round creates it.
    try {
      const created = await client.create<Pod>(
        Resources.pods,
        mirrorPodFor(pod, { name: nodeName, uid: node.metadata.uid! }),
      );
      logger.info({ pod: `${pod.namespace}/${pod.name}`, file: pod.file }, 'created mirror pod');
      return created;
    } catch (error) {
      // The deleted one is still being released: the next round creates it.
      if (error instanceof ApiError && error.reason === 'AlreadyExists') return undefined;
      throw error;
    }
  }

  private async syncMirror(pod: StaticPod, mirror: Pod): Promise<void> {
    const { client, hostIP } = this.options;
    const running = pod.pid !== undefined && pidAlive(pod.pid);
    const healthy = running && (pod.healthUrl === undefined || (await healthAnswers(pod.healthUrl)));
    let current = mirror;
    const annotations = mirrorAnnotations(pod);
    if (Object.entries(annotations).some(([k, v]) => mirror.metadata.annotations?.[k] !== v)) {
      // The pid (and health URL) change with every `up`: kept current on the mirror for tools.
      current = await client.patch<Pod>(
        Resources.pods,
        pod.namespace,
        pod.name,
        { metadata: { annotations } },
        'merge',
      );
    }
    const status = mirrorPodStatus(pod, current.status ?? {}, { running, healthy }, hostIP, new Date());
    await writePodStatus(client, current, status, this.lastWritten);
  }

  private async deleteMirror(mirror: Pod): Promise<void> {
    const { client, logger } = this.options;
    try {
      await client.delete(Resources.pods, mirror.metadata.namespace, mirror.metadata.name!, {
        gracePeriodSeconds: 0,
        preconditions: { uid: mirror.metadata.uid },
      });
      this.lastWritten.delete(mirror.metadata.uid!);
      logger.info({ pod: `${mirror.metadata.namespace}/${mirror.metadata.name}` }, 'deleted mirror pod');
    } catch (error) {
      if (!(error instanceof ApiError) || (error.reason !== 'NotFound' && error.reason !== 'Conflict')) throw error;
    }
  }
}
