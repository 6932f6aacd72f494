import { ApiError, type Deployment, type ReplicaSet } from '#api';
import type { EventType } from '#client';
import type { DeploymentDeps } from './deployment-deps.js';
import { RESOURCE_TYPES } from './resource-types.js';
import { DEPLOYMENT_ANNOTATIONS } from './util/deployment-annotations.js';
import { DEPLOYMENT_REASONS } from './util/deployment-reasons.js';
import { setReplicasAnnotations } from './util/replicas-annotations.js';
import { rollingLimits } from './util/rolling-limits.js';

/**
 * One reconcile's writes for one Deployment: `d` is a private copy of the cached object
 * that the phases change and updateStatus() writes. Every write is a PUT carrying the
 * resourceVersion it was based on (a conflict throws and the key is retried), records the
 * answer's resourceVersion as an expectation, and scaling emits ScalingReplicaSet events.
 */
export class DeploymentWriter {
  private revisionChanged = false;

  constructor(
    readonly deps: DeploymentDeps,
    readonly key: string,
    public d: Deployment,
  ) {}

  now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  event(type: EventType, reason: string, message: string): void {
    this.deps.recorder.event(this.d, type, reason, message);
  }

  /**
   * SetDeploymentRevision, to be written by the next updateStatus(). Returns whether it
   * changes anything.
   */
  setRevision(revision: string | undefined): boolean {
    if (revision === undefined || this.d.metadata.annotations?.[DEPLOYMENT_ANNOTATIONS.revision] === revision)
      return false;
    this.d.metadata.annotations = { ...this.d.metadata.annotations, [DEPLOYMENT_ANNOTATIONS.revision]: revision };
    this.revisionChanged = true;
    return true;
  }

  /**
   * Writes `d.status`, and first the revision annotation if it changed: Kubernetes' status
   * update carries annotations too, kubenest's status subresource writes status only, so
   * the annotation goes in a merge patch (with resourceVersion as precondition) before it.
   */
  async updateStatus(): Promise<void> {
    if (this.revisionChanged) {
      const { namespace, name, resourceVersion, annotations } = this.d.metadata;
      const patched = await this.deps.client.patch<Deployment>(
        RESOURCE_TYPES.deployments,
        namespace,
        name!,
        {
          metadata: {
            resourceVersion,
            annotations: { [DEPLOYMENT_ANNOTATIONS.revision]: annotations![DEPLOYMENT_ANNOTATIONS.revision] },
          },
        },
        'merge',
      );
      await this.expect(patched);
      this.d = { ...patched, status: this.d.status };
      this.revisionChanged = false;
    }
    const written = await this.deps.client.update<Deployment>(RESOURCE_TYPES.deployments, this.d, {
      subresource: 'status',
    });
    await this.expect(written);
    this.d = written;
  }

  async createReplicaSet(rs: ReplicaSet): Promise<ReplicaSet> {
    const created = await this.deps.client.create<ReplicaSet>(RESOURCE_TYPES.replicaSets, rs);
    await this.expect(created);
    return created;
  }

  async updateReplicaSet(rs: ReplicaSet): Promise<ReplicaSet> {
    const updated = await this.deps.client.update<ReplicaSet>(RESOURCE_TYPES.replicaSets, rs);
    await this.expect(updated);
    return updated;
  }

  async patchReplicaSet(rs: ReplicaSet, patch: unknown): Promise<ReplicaSet> {
    const { namespace, name } = rs.metadata;
    const patched = await this.deps.client.patch<ReplicaSet>(
      RESOURCE_TYPES.replicaSets,
      namespace,
      name!,
      patch,
      'strategic',
    );
    await this.expect(patched);
    return patched;
  }

  async deleteReplicaSet(rs: ReplicaSet): Promise<void> {
    try {
      await this.deps.client.delete(RESOURCE_TYPES.replicaSets, rs.metadata.namespace, rs.metadata.name!, {
        preconditions: { uid: rs.metadata.uid, resourceVersion: rs.metadata.resourceVersion },
      });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 404)) throw error;
    }
  }

  /** scaleReplicaSetAndRecordEvent: "up" or "down" by comparison; nothing if already that size. */
  async scaleTo(rs: ReplicaSet, size: number): Promise<ReplicaSet> {
    const current = rs.spec?.replicas ?? 0;
    if (current === size) return rs;
    return this.scale(rs, size, current < size ? 'up' : 'down');
  }

  /**
   * scaleReplicaSet: writes the size and the replicas annotations (which record the
   * Deployment size this RS was scaled for, see proportional-sizes.ts) when either differs.
   */
  async scale(rs: ReplicaSet, size: number, operation: string): Promise<ReplicaSet> {
    const from = rs.spec?.replicas ?? 0;
    const copy = structuredClone(rs);
    const replicas = this.d.spec?.replicas ?? 1;
    const annotationsChanged = setReplicasAnnotations(copy, replicas, replicas + rollingLimits(this.d).maxSurge);
    if (from === size && !annotationsChanged) return rs;
    copy.spec = { ...copy.spec!, replicas: size };
    const updated = await this.updateReplicaSet(copy);
    if (from !== size)
      this.event(
        'Normal',
        DEPLOYMENT_REASONS.scalingReplicaSet,
        `Scaled ${operation} replica set ${rs.metadata.name} from ${from} to ${size}`,
      );
    return updated;
  }

  private async expect(obj: { metadata: { resourceVersion?: string } }): Promise<void> {
    const rv = obj.metadata.resourceVersion;
    if (rv && this.deps.expectations) await this.deps.expectations.expect(this.key, rv);
  }
}
