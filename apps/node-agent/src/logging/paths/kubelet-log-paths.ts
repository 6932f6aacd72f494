import { join } from 'node:path';

/** The pod a /var/log/containers file name stands for. */
export interface ContainerLogName {
  pod: string;
  namespace: string;
  container: string;
  containerId: string;
}

/**
 * The kubelet's log file layout, which Fluentd and Fluent Bit Kubernetes configurations expect:
 *   <base>/pods/<namespace>_<pod>_<uid>/<container>/<restartCount>.log
 *   <base>/containers/<pod>_<namespace>_<container>-<containerID>.log (a symlink to the former)
 * Names never contain "_" (pod and namespace names are DNS names), which makes them parseable.
 */
export const KubeletLogPaths = {
  podsDir: (base: string) => join(base, 'pods'),
  containersDir: (base: string) => join(base, 'containers'),
  podDir: (base: string, namespace: string, pod: string, uid: string) =>
    join(base, 'pods', `${namespace}_${pod}_${uid}`),
  podContainerLog: (base: string, namespace: string, pod: string, uid: string, container: string, restarts: number) =>
    join(base, 'pods', `${namespace}_${pod}_${uid}`, container, `${restarts}.log`),
  containerLink: (base: string, name: ContainerLogName) =>
    join(base, 'containers', `${name.pod}_${name.namespace}_${name.container}-${name.containerId}.log`),
};

const CONTAINER_LOG = /^([^_]+)_([^_]+)_(.+)-([0-9a-zA-Z]+)\.log$/;

export function parseContainerLogName(fileName: string): ContainerLogName | undefined {
  const match = CONTAINER_LOG.exec(fileName);
  return match ? { pod: match[1], namespace: match[2], container: match[3], containerId: match[4] } : undefined;
}

/** The uid part of a pods/ directory name, `<namespace>_<pod>_<uid>`. */
export function podUidOfDir(dirName: string): string | undefined {
  const parts = dirName.split('_');
  return parts.length === 3 ? parts[2] : undefined;
}
