import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { parse } from 'yaml';
import type { Pod } from '#api';
import { StaticPodAnnotations } from './static-pod-annotations.js';

/** A static pod as read from its manifest, named for this node as the kubelet names it. */
export interface StaticPod {
  /** <manifest name>-<node name>. */
  name: string;
  namespace: string;
  manifest: Pod;
  /** Hash of the manifest without the pid: a new pid is a restart of the same pod, not a new pod. */
  hash: string;
  pid?: number;
  healthUrl?: string;
  file: string;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/;

/**
 * The kubelet's file source: every *.yaml, *.yml and *.json Pod in the directory (absent: none).
 * A manifest that does not parse is logged and skipped, as the kubelet does, so one bad file
 * does not take the others' mirror pods down.
 */
export async function readStaticPods(dir: string, nodeName: string, logger: Logger): Promise<StaticPod[]> {
  const files = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const pods: StaticPod[] = [];
  for (const file of files.filter((f) => MANIFEST_FILE.test(f)).sort()) {
    try {
      pods.push(toStaticPod(parse(await readFile(join(dir, file), 'utf8')) as Pod, nodeName, file));
    } catch (error) {
      logger.warn({ err: error, file: join(dir, file) }, 'skipping a static pod manifest that is not a valid Pod');
    }
  }
  return pods;
}

function toStaticPod(manifest: Pod, nodeName: string, file: string): StaticPod {
  if (manifest?.kind !== 'Pod' || !manifest.metadata?.name || !manifest.spec?.containers?.length) {
    throw new Error('not a Pod with a name and containers');
  }
  const annotations = manifest.metadata.annotations ?? {};
  const { [StaticPodAnnotations.pid]: pid, ...rest } = annotations;
  const hash = createHash('sha256')
    .update(JSON.stringify({ ...manifest, metadata: { ...manifest.metadata, annotations: rest } }))
    .digest('hex')
    .slice(0, 32);
  return {
    name: `${manifest.metadata.name}-${nodeName}`,
    namespace: manifest.metadata.namespace ?? 'default',
    manifest,
    hash,
    pid: pid !== undefined && /^\d+$/.test(pid) ? Number(pid) : undefined,
    healthUrl: annotations[StaticPodAnnotations.healthUrl],
    file,
  };
}
