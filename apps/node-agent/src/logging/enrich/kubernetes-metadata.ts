import type { Pod } from '#api';
import type { ContainerLogName } from '../paths/kubelet-log-paths.js';
import { dedot } from './dedot.js';

export interface KubernetesMetadataOptions {
  host: string;
  /** Annotations whose key matches one of these are added (none by default, as in the Fluentd filter). */
  annotationMatch: RegExp[];
}

/**
 * The `kubernetes` object of fluent-plugin-kubernetes_metadata_filter, from the node agent's
 * pod cache (never an API request per line). When the pod is no longer in the cache (deleted
 * before its last lines were read) the names from the file name are still there.
 */
export function kubernetesMetadata(
  name: ContainerLogName,
  pod: Pod | undefined,
  options: KubernetesMetadataOptions,
): Record<string, unknown> {
  const meta: Record<string, unknown> = {
    namespace_name: name.namespace,
    pod_name: name.pod,
    container_name: name.container,
    host: options.host,
  };
  if (!pod) return meta;
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (s) => s.name === name.container,
  );
  const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find(
    (c) => c.name === name.container,
  );
  meta['pod_id'] = pod.metadata.uid;
  meta['container_image'] = status?.image ?? spec?.image;
  if (status?.imageID) meta['container_image_id'] = status.imageID;
  meta['labels'] = dedot(pod.metadata.labels);
  const annotations = Object.entries(pod.metadata.annotations ?? {}).filter(([key]) =>
    options.annotationMatch.some((pattern) => pattern.test(key)),
  );
  if (annotations.length > 0) meta['annotations'] = dedot(Object.fromEntries(annotations));
  return meta;
}
