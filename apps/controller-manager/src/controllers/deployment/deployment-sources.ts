import { labelSelectorFromObject, type Deployment, type KubeObject, type Pod, type ReplicaSet } from '#api';
import { objectKey, type ControllerSource } from '#reconcile';
import { controllerRef } from './controller-ref.js';
import type { DeploymentDeps } from './deployment-deps.js';

/**
 * Informer events -> Deployment keys. A Deployment maps to itself; an RS to its controlling
 * Deployment, or, when orphaned, to every Deployment whose selector matches it (one may
 * adopt it); a pod to its RS's Deployment, only for Recreate, whose "no old pods left"
 * check is the one that reads pods (RS status covers RollingUpdate).
 */
export function deploymentSources(deps: DeploymentDeps): ControllerSource[] {
  const key = (obj: KubeObject) => objectKey(obj.metadata.namespace, obj.metadata.name!);
  const deploymentOf = (rs: ReplicaSet): Deployment[] => {
    const ref = controllerRef(rs);
    if (ref) {
      if (ref.kind !== 'Deployment') return [];
      const owner = deps.deployments.get(rs.metadata.namespace, ref.name);
      return owner?.metadata.uid === ref.uid ? [owner] : [];
    }
    return deps.deployments.list(rs.metadata.namespace).filter((d) => selects(d, rs));
  };
  return [
    { informer: deps.deployments, keysFor: (d) => [key(d)] } as ControllerSource,
    { informer: deps.replicaSets, keysFor: (rs: ReplicaSet) => deploymentOf(rs).map(key) } as ControllerSource,
    {
      informer: deps.pods,
      keysFor: (pod: Pod) => {
        const ref = controllerRef(pod);
        const rs = ref?.kind === 'ReplicaSet' ? deps.replicaSets.get(pod.metadata.namespace, ref.name) : undefined;
        return rs
          ? deploymentOf(rs)
              .filter((d) => d.spec?.strategy?.type === 'Recreate')
              .map(key)
          : [];
      },
    } as ControllerSource,
  ];
}

function selects(d: Deployment, obj: KubeObject): boolean {
  try {
    const selector = labelSelectorFromObject(d.spec?.selector);
    return !selector.isEmpty() && selector.matches(obj.metadata.labels);
  } catch {
    return false;
  }
}
