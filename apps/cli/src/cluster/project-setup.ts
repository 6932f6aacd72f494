import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The machine-preparing steps of bin/setup.js (plain JS, outside the compiled tree). */
export interface ProjectSetup {
  ensureRedisServer(): void;
  ensureDocker(): void;
  ensureWorkloadImageTools(): void;
  ensureLocalRegistry(dataDir: string): void;
}

export async function loadProjectSetup(root: string): Promise<ProjectSetup> {
  return (await import(pathToFileURL(join(root, 'bin', 'setup.js')).href)) as ProjectSetup;
}
