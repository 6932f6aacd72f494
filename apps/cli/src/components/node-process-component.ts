import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { assertPortFree } from '../probes/port-free.js';
import type { ComponentSpec, ReadinessProbe } from '../supervisor/component-spec.js';

export interface NodeProcessOptions {
  /** The component's name and its folder under apps/: "apiserver", "scheduler" ... */
  name: string;
  projectRoot: string;
  /** Its configuration, as the env vars its config loader reads. */
  env: Record<string, string>;
  readiness: ReadinessProbe;
  readyTimeoutMs: number;
  stopTimeoutMs?: number;
  /** Loopback ports the component listens on, checked free before it starts. */
  ports?: number[];
}

/** A kubenest component run as `node dist/apps/<name>/src/main.js`, configured through env vars. */
export function nodeProcessComponent(options: NodeProcessOptions): ComponentSpec {
  const entry = join(options.projectRoot, 'dist', 'apps', options.name, 'src', 'main.js');
  return {
    name: options.name,
    command: process.execPath,
    args: ['--enable-source-maps', entry],
    cwd: options.projectRoot,
    env: { ...process.env, ...options.env },
    async preflight() {
      await access(entry).catch(() => {
        throw new Error(`the ${options.name} is not built (${entry} is missing): run npx tsc -p tsconfig.json`);
      });
      for (const port of options.ports ?? []) await assertPortFree(port, '127.0.0.1', options.name);
    },
    readiness: options.readiness,
    readyTimeoutMs: options.readyTimeoutMs,
    stopTimeoutMs: options.stopTimeoutMs ?? 15_000,
  };
}
