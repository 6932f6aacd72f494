/**
 * Why a node cannot take a pod. `unresolvable` is Kubernetes' UnschedulableAndUnresolvable:
 * evicting pods from the node would not help (taints, affinity), so preemption skips it.
 */
export interface FilterStatus {
  plugin: string;
  reasons: string[];
  unresolvable: boolean;
}
