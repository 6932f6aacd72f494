import { join } from 'node:path';
import { buildWorkloadImages } from '#runtime';
import type { ProjectSetup } from './project-setup.js';

export type RuntimeChoice = 'auto' | 'docker' | 'process';

/**
 * Makes the docker runtime usable: Docker Engine (installed and started as root), the local
 * registry on 127.0.0.1:5000, and the workload images built and pushed. With `auto`, a
 * machine where that fails runs pods as host processes instead, and says why.
 */
export async function prepareContainerRuntime(
  choice: RuntimeChoice,
  dataDir: string,
  setup: ProjectSetup,
  report: (line: string) => void,
): Promise<'docker' | 'process'> {
  if (choice === 'process') return 'process';
  try {
    setup.ensureDocker();
    setup.ensureWorkloadImageTools();
    setup.ensureLocalRegistry(join(dataDir, 'registry'));
    const images = await buildWorkloadImages();
    report(`images    | workload images ready in localhost:5000 (${(images.ms / 1000).toFixed(1)} s)`);
    return 'docker';
  } catch (error) {
    if (choice === 'docker') throw error;
    report(`kubenest: the docker runtime is not available (${(error as Error).message.split('\n')[0]});`);
    report('kubenest: running pods as host processes instead (KUBENEST_RUNTIME=process)');
    return 'process';
  }
}
