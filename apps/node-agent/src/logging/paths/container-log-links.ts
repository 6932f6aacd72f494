import { mkdir, readdir, readlink, rm, symlink, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { RuntimeLabels, type ContainerStatus } from '#runtime';
import { AgentLabels } from '../../status/agent-labels.js';
import { KubeletLogPaths, parseContainerLogName, podUidOfDir } from './kubelet-log-paths.js';

/**
 * Keeps the kubelet's log links in step with the containers the runtime has: for each, a
 * pods/.../<restartCount>.log link to the runtime's json-file log (Docker's under its data root,
 * the process runtime's under the agent's root) and a containers/...-<id>.log link to that;
 * links of containers the runtime no longer has, and the directories of pods that have none
 * left, are removed. Level-triggered: the node agent calls sync() with every runtime listing.
 */
export class ContainerLogLinks {
  constructor(private readonly baseDir: string) {}

  async sync(containers: ContainerStatus[]): Promise<void> {
    const wanted = new Map<string, string>(); // container link -> pod log link
    const podDirs = new Set<string>();
    for (const container of containers) {
      const labels = container.labels;
      const uid = labels[RuntimeLabels.podUid];
      const pod = labels[RuntimeLabels.podName];
      const namespace = labels[RuntimeLabels.podNamespace];
      const name = labels[RuntimeLabels.containerName];
      if (!uid || !pod || !namespace || !name || !container.logPath) continue;
      const restarts = Number(labels[AgentLabels.restartCount] ?? 0);
      const podLog = KubeletLogPaths.podContainerLog(this.baseDir, namespace, pod, uid, name, restarts);
      await ensureLink(podLog, container.logPath);
      const link = KubeletLogPaths.containerLink(this.baseDir, {
        pod,
        namespace,
        container: name,
        containerId: container.id,
      });
      await ensureLink(link, podLog);
      wanted.set(link, podLog);
      podDirs.add(basename(KubeletLogPaths.podDir(this.baseDir, namespace, pod, uid)));
    }
    const containersDir = KubeletLogPaths.containersDir(this.baseDir);
    for (const file of await listDir(containersDir)) {
      const path = `${containersDir}/${file}`;
      if (parseContainerLogName(file) && !wanted.has(path)) await unlink(path).catch(ignoreMissing);
    }
    const podsDir = KubeletLogPaths.podsDir(this.baseDir);
    for (const dir of await listDir(podsDir)) {
      if (podUidOfDir(dir) && !podDirs.has(dir)) await rm(`${podsDir}/${dir}`, { recursive: true, force: true });
    }
  }
}

async function ensureLink(path: string, target: string): Promise<void> {
  const current = await readlink(path).catch(() => undefined);
  if (current === target) return;
  if (current !== undefined) await unlink(path).catch(ignoreMissing);
  await mkdir(dirname(path), { recursive: true });
  await symlink(target, path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
