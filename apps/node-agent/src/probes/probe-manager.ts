import type { Container, Pod } from '#api';
import type { ContainerRuntime, ContainerStatus as RuntimeContainer } from '#runtime';
import { ProbeTracker } from './probe-tracker.js';
import { runProbe } from './run-probe.js';

type ProbeKind = 'liveness' | 'readiness' | 'startup';

interface ContainerProbes {
  podUid: string;
  timers: Set<NodeJS.Timeout>;
  trackers: Partial<Record<ProbeKind, ProbeTracker>>;
  livenessFailure?: string;
  stopped: boolean;
}

export interface ProbeEvents {
  /** A result flipped: the pod's status (or, for liveness, its containers) need a sync. */
  changed(podUid: string): void;
  /** A failed probe attempt, for the Unhealthy event. */
  failed(pod: Pod, container: Container, kind: ProbeKind, message: string): void;
}

/**
 * The kubelet's prober manager: one worker per probe of each running container instance,
 * keyed by runtime id, so a restarted container starts with fresh results. Startup gates
 * liveness and readiness; readiness starts failed; containers that were already running
 * when the agent started (adopted) start ready and started, so an agent restart does not
 * flap the pod's Ready condition.
 */
export class ProbeManager {
  private readonly byContainer = new Map<string, ContainerProbes>();

  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly events: ProbeEvents,
    private readonly agentStartedAt: Date,
  ) {}

  ready(containerId: string): boolean {
    const tracker = this.byContainer.get(containerId)?.trackers.readiness;
    return this.started(containerId) && (!tracker || tracker.current === 'success');
  }

  started(containerId: string): boolean {
    const tracker = this.byContainer.get(containerId)?.trackers.startup;
    return !tracker || tracker.current === 'success';
  }

  /** The failure message when liveness has failed past its threshold. */
  livenessFailure(containerId: string): string | undefined {
    return this.byContainer.get(containerId)?.livenessFailure;
  }

  /** Starts workers for running containers of `pod` that have probes; stops those of containers that are not running. */
  sync(pod: Pod, sandboxId: string, running: RuntimeContainer[], specs: Map<string, Container>): void {
    const uid = pod.metadata.uid!;
    const live = new Set(running.map((c) => c.id));
    for (const [id, probes] of this.byContainer) {
      if (probes.podUid === uid && !live.has(id)) this.stop(id);
    }
    for (const container of running) {
      if (this.byContainer.has(container.id)) continue;
      const spec = specs.get(container.labels['io.kubernetes.container.name'] ?? container.name);
      if (!spec) continue;
      this.startWorkers(pod, sandboxId, container, spec);
    }
  }

  stopPod(podUid: string): void {
    for (const [id, probes] of this.byContainer) if (probes.podUid === podUid) this.stop(id);
  }

  stopAll(): void {
    for (const id of [...this.byContainer.keys()]) this.stop(id);
  }

  private stop(containerId: string): void {
    const probes = this.byContainer.get(containerId);
    if (!probes) return;
    probes.stopped = true;
    for (const timer of probes.timers) clearTimeout(timer);
    this.byContainer.delete(containerId);
  }

  private startWorkers(pod: Pod, sandboxId: string, container: RuntimeContainer, spec: Container): void {
    const adopted = (container.startedAt ?? container.createdAt) < this.agentStartedAt;
    const probes: ContainerProbes = { podUid: pod.metadata.uid!, timers: new Set(), trackers: {}, stopped: false };
    const specs: [ProbeKind, Container['livenessProbe']][] = [
      ['startup', spec.startupProbe],
      ['liveness', spec.livenessProbe],
      ['readiness', spec.readinessProbe],
    ];
    for (const [kind, probe] of specs) {
      if (!probe) continue;
      const initial = kind === 'liveness' || adopted ? 'success' : 'failure';
      const success = kind === 'readiness' ? (probe.successThreshold ?? 1) : 1;
      probes.trackers[kind] = new ProbeTracker(initial, success, probe.failureThreshold ?? 3);
    }
    if (Object.keys(probes.trackers).length === 0) return;
    this.byContainer.set(container.id, probes);

    const startedAt = (container.startedAt ?? container.createdAt).getTime();
    for (const [kind, probe] of specs) {
      if (!probe) continue;
      const tracker = probes.trackers[kind]!;
      const periodMs = (probe.periodSeconds ?? 10) * 1000;
      const schedule = (delayMs: number) => {
        if (probes.stopped) return;
        const timer = setTimeout(() => {
          probes.timers.delete(timer);
          void tick().finally(() => schedule(periodMs));
        }, delayMs);
        probes.timers.add(timer);
      };
      const tick = async () => {
        // Startup gates the others; once it passed it stops probing, as the kubelet's does.
        if (kind !== 'startup' && !this.started(container.id)) return;
        if (kind === 'startup' && tracker.current === 'success') return;
        if (probes.livenessFailure) return;
        const result = await runProbe(this.runtime, sandboxId, container.id, spec, probe);
        if (probes.stopped) return;
        if (result.outcome === 'failure') this.events.failed(pod, spec, kind, result.message ?? 'probe failed');
        const flipped = tracker.record(result.outcome);
        if (kind === 'liveness' && flipped && result.outcome === 'failure') {
          probes.livenessFailure = result.message ?? 'liveness probe failed';
        }
        if (flipped) this.events.changed(probes.podUid);
      };
      const initialDelayMs = (probe.initialDelaySeconds ?? 0) * 1000;
      schedule(Math.max(0, startedAt + initialDelayMs - Date.now()));
    }
  }
}
