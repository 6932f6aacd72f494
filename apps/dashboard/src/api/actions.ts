import type { Workload } from '../model/k8s-types.js';
import { restartPatch } from '../model/rollout-restart.js';
import { planRolloutUndo } from '../model/rollout-undo.js';
import { RESOURCES, objectPath } from './resources.js';
import { ApiRequestError, type RestClient } from './rest-client.js';

export type ScalableKind = 'deployments' | 'replicasets' | 'replicationcontrollers';

/** `kubectl scale`: a merge patch of the scale subresource. */
export function scale(rest: RestClient, kind: ScalableKind, namespace: string, name: string, replicas: number) {
  return rest.patch(objectPath(RESOURCES[kind], name, namespace, 'scale'), 'merge', { spec: { replicas } });
}

export function deletePod(rest: RestClient, namespace: string, name: string) {
  return rest.delete(objectPath(RESOURCES.pods, name, namespace));
}

export function rolloutRestart(rest: RestClient, namespace: string, name: string) {
  return rest.patch(objectPath(RESOURCES.deployments, name, namespace), 'strategic', restartPatch(new Date()));
}

/** `kubectl rollout undo`: reads the Deployment and its ReplicaSets now, not from the (possibly lagging) watch. */
export async function rolloutUndo(rest: RestClient, namespace: string, name: string): Promise<number> {
  const deployment = await rest.get<Workload>(objectPath(RESOURCES.deployments, name, namespace));
  const list = await rest.get<{ items: Workload[] }>(
    `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/replicasets`,
  );
  const plan = planRolloutUndo(deployment, list.items);
  if (!plan.ok) throw new ApiRequestError(400, 'BadRequest', plan.reason);
  await rest.patch(objectPath(RESOURCES.deployments, name, namespace), 'json', plan.patch);
  return plan.revision;
}

/** `kubectl cordon` / `uncordon`. */
export function setUnschedulable(rest: RestClient, name: string, unschedulable: boolean) {
  return rest.patch(objectPath(RESOURCES.nodes, name), 'strategic', { spec: { unschedulable: unschedulable || null } });
}
