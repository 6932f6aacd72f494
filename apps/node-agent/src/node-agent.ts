import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Node, Pod } from '#api';
import { EventRecorder, ListWatchInformer, type ApiClient, type Informer } from '#client';
import { RuntimeLabels, type ContainerRuntime } from '#runtime';
import { Backoff } from './backoff/backoff.js';
import type { NodeAgentConfig } from './config/node-agent-config.js';
import { ContainerLogLinks } from './logging/paths/container-log-links.js';
import { readHostInfo } from './node/host-info.js';
import { LeaseRenewer } from './node/lease-renewer.js';
import { NodeStatusReporter } from './node/node-status-reporter.js';
import { changedBeyondStatus } from './pods/changed-beyond-status.js';
import { KubeletReasons } from './pods/kubelet-reasons.js';
import { PodSyncer } from './pods/pod-syncer.js';
import { PodWorkers } from './pods/pod-workers.js';
import { Resources } from './pods/resources.js';
import { ProbeManager } from './probes/probe-manager.js';
import { ServiceNetworking } from './proxy/service-networking.js';
import { isMirrorPod } from './static-pods/static-pod-annotations.js';
import { StaticPodSync } from './static-pods/static-pod-sync.js';

const PROBE_EVENT: Record<string, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

/**
 * The kubelet of one node: registers the Node and its Lease, watches the pods bound to
 * the node, and keeps one pod worker per pod in step with the runtime, triggered by the
 * informer, by probe results and by a periodic resync. Stopping it leaves pods running,
 * as the kubelet does when it exits.
 */
export class NodeAgent {
  readonly pods: Informer<Pod>;
  readonly events: EventRecorder;
  readonly services: ServiceNetworking;
  private readonly probes: ProbeManager;
  private readonly workers: PodWorkers;
  private nodeStatus?: NodeStatusReporter;
  private lease?: LeaseRenewer;
  private resync?: NodeJS.Timeout;
  private staticPods?: StaticPodSync;
  private readonly logLinks: ContainerLogLinks;

  constructor(
    private readonly config: NodeAgentConfig,
    private readonly client: ApiClient,
    readonly runtime: ContainerRuntime,
    private readonly logger: Logger,
    private readonly resyncMs = 2_000,
  ) {
    this.pods = new ListWatchInformer<Pod>(client, Resources.pods, {
      fieldSelector: `spec.nodeName=${config.nodeName}`,
      logger,
    });
    this.events = new EventRecorder(client, { component: 'kubelet', host: config.nodeName, logger });
    this.probes = new ProbeManager(
      runtime,
      {
        changed: (uid) => this.workers.trigger(uid),
        failed: (pod, _container, kind, message) =>
          this.events.event(pod, 'Warning', KubeletReasons.unhealthy, `${PROBE_EVENT[kind]} probe failed: ${message}`),
      },
      new Date(),
    );
    this.services = new ServiceNetworking(config, client, logger);
    this.workers = new PodWorkers(async (uid) => this.syncer?.sync(uid), logger);
    this.logLinks = new ContainerLogLinks(config.logging.logDir);
  }

  /** Built in start(), once the host's IP and allocatable are known. */
  private syncer?: PodSyncer;

  async start(): Promise<void> {
    mkdirSync(this.config.rootDir, { recursive: true });
    const host = await readHostInfo(this.runtime.name, this.config.rootDir, this.config.nodeIP);
    // Before any pod starts: containers get the service variables and the cluster DNS from the start.
    await this.services.start();
    this.syncer = new PodSyncer({
      nodeName: this.config.nodeName,
      hostIP: host.internalIP,
      rootDir: this.config.rootDir,
      runtime: this.runtime,
      client: this.client,
      events: this.events,
      probes: this.probes,
      crashBackoff: new Backoff(10_000, 300_000),
      imageBackoff: new Backoff(10_000, 300_000),
      nodeAllocatable: { cpu: String(host.cpu), memory: `${host.memoryKi}Ki` },
      podStartsAtOnce: this.config.podStartsAtOnce,
      podByUid: (uid) => this.podByUid(uid),
      serviceEnv: (pod) => this.services.serviceEnv(pod),
      podDns: (pod) => this.services.podDns(pod),
      logger: this.logger,
    });
    this.nodeStatus = new NodeStatusReporter(
      this.client,
      {
        name: this.config.nodeName,
        labels: this.config.nodeLabels,
        taints: this.config.registerWithTaints,
        kubeletPort: this.config.kubeletPort,
      },
      host,
      this.config.rootDir,
      this.logger,
    );
    await this.nodeStatus.start();
    this.lease = new LeaseRenewer(
      this.client,
      this.config.nodeName,
      async () => (await this.client.get<Node>(Resources.nodes, undefined, this.config.nodeName))?.metadata.uid,
      this.logger,
    );
    await this.lease.start();
    // Mirror pods stand for processes `kubenest up` runs: StaticPodSync keeps them, the runtime never runs them.
    const trigger = (pod: Pod) => {
      if (!isMirrorPod(pod)) this.workers.trigger(pod.metadata.uid!);
    };
    this.pods.addHandlers({
      add: trigger,
      update: (old, pod) => {
        if (changedBeyondStatus(old, pod)) trigger(pod);
      },
      delete: trigger,
    });
    await this.pods.start();
    this.resync = setInterval(() => {
      this.resyncAll().catch((err: unknown) => this.logger.warn({ err }, 'resync failed'));
    }, this.resyncMs);
    await this.resyncAll();
    if (this.config.staticPodPath) {
      this.staticPods = new StaticPodSync({
        manifestDir: this.config.staticPodPath,
        nodeName: this.config.nodeName,
        hostIP: host.internalIP,
        client: this.client,
        logger: this.logger,
      });
      await this.staticPods.start();
    }
    this.logger.info({ node: this.config.nodeName, runtime: this.runtime.name }, 'node agent running');
  }

  /** Stops watching and syncing; containers keep running. */
  async stop(): Promise<void> {
    clearInterval(this.resync);
    await this.staticPods?.stop();
    this.nodeStatus?.stop();
    this.lease?.stop();
    this.pods.stop();
    this.probes.stopAll();
    await this.workers.close();
    await this.services.stop();
    await this.events.flush();
  }

  podByUid(uid: string): Pod | undefined {
    return this.pods.list().find((pod) => pod.metadata.uid === uid);
  }

  /** Every pod the informer has and every pod the runtime still runs something for. */
  private async resyncAll(): Promise<void> {
    const uids = new Set(
      this.pods
        .list()
        .filter((pod) => !isMirrorPod(pod))
        .map((pod) => pod.metadata.uid!),
    );
    if (this.pods.hasSynced()) {
      const [sandboxes, containers] = await Promise.all([this.runtime.listSandboxes(), this.runtime.listContainers()]);
      for (const sandbox of sandboxes) uids.add(sandbox.podUid);
      for (const container of containers) {
        const uid = container.labels[RuntimeLabels.podUid];
        if (uid) uids.add(uid);
      }
      // The kubelet's /var/log/pods and /var/log/containers links, for the shipper and any stock Fluentd.
      await this.logLinks
        .sync(containers)
        .catch((err: unknown) => this.logger.warn({ err }, 'updating container log links failed'));
    }
    for (const uid of uids) this.workers.resync(uid);
  }
}
