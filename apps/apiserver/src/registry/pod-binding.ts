import { ApiError, type KubeObject } from '#api';
import type { ObjectAddress, ResourceRegistry } from './resource-registry.js';
import type { WriteOptions } from './request-options.js';
import { timestamp } from './timestamp.js';

interface Binding {
  metadata?: { name?: string };
  target?: { kind?: string; name?: string };
}

interface PodCondition {
  type: string;
  status: string;
  lastProbeTime: string | null;
  lastTransitionTime: string;
}

/** pods/binding: how the scheduler assigns a pod to a node, once and only once. */
export class PodBinding {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async bind(address: ObjectAddress, body: unknown, options: WriteOptions): Promise<void> {
    const binding = (body ?? {}) as Binding;
    const node = binding.target?.name;
    if (!node) {
      throw ApiError.invalid({ kind: 'Binding', kindName: 'Binding', name: address.name }, [
        { field: 'target.name', type: 'FieldValueRequired', message: 'Required value' },
      ]);
    }
    if (binding.target?.kind && binding.target.kind !== 'Node') {
      throw ApiError.badRequest(`a pod can only be bound to a Node, not a ${binding.target.kind}`);
    }
    await this.registry.guaranteedUpdate(address, undefined, options, (pod) => this.assign(pod, node));
  }

  private assign(pod: KubeObject, node: string): KubeObject {
    const spec = pod.spec as { nodeName?: string };
    const target = { kind: 'pods', name: pod.metadata.name };
    if (pod.metadata.deletionTimestamp)
      throw ApiError.conflict(target, 'pod is being deleted, cannot be assigned to a host');
    if (spec.nodeName)
      throw ApiError.conflict(target, `pod ${pod.metadata.name} is already assigned to node "${spec.nodeName}"`);
    spec.nodeName = node;
    const status = (pod.status ?? {}) as { conditions?: PodCondition[] };
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: timestamp(this.clock()),
    });
    pod.status = { ...status, conditions };
    return pod;
  }
}
