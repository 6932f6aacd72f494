import type { Pod } from '#api';
import type { Informer } from '#client';
import { RuntimeLabels, type ContainerRuntime } from '#runtime';
import { groupInstances, type ContainerInstances } from '../status/container-instances.js';

/** Thrown for requests the kubelet answers with 4xx. */
export class KubeletRequestError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The runtime instances of container `name` of pod namespace/pod on this node. */
export async function findContainer(
  pods: Informer<Pod>,
  runtime: ContainerRuntime,
  namespace: string,
  podName: string,
  name: string,
): Promise<{ pod: Pod; instances: ContainerInstances }> {
  const pod = pods.get(namespace, podName);
  if (!pod) throw new KubeletRequestError(404, `pod ${namespace}/${podName} not found`);
  const known = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].some((c) => c.name === name);
  if (!known) throw new KubeletRequestError(400, `container ${name} is not valid for pod ${podName}`);
  const containers = await runtime.listContainers({
    labels: { [RuntimeLabels.podUid]: pod.metadata.uid!, [RuntimeLabels.containerName]: name },
  });
  return { pod, instances: groupInstances(containers).get(name) ?? { stale: [] } };
}
