import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { DockerRuntime, ProcessRuntime, type ContainerRuntime } from '#runtime';
import type { NodeAgentConfig } from './node-agent-config.js';

/** The configured runtime; unset means docker when `docker info` answers, else the process runtime (logged). */
export async function createRuntime(config: NodeAgentConfig, logger: Logger): Promise<ContainerRuntime> {
  let kind = config.runtime;
  if (!kind) {
    const dockerWorks = await promisify(execFile)('docker', ['info', '--format', '{{.ServerVersion}}'], {
      timeout: 10_000,
    }).then(
      () => true,
      () => false,
    );
    kind = dockerWorks ? 'docker' : 'process';
    if (!dockerWorks) logger.warn('docker info failed: running pods as host processes (KUBENEST_RUNTIME=process)');
  }
  const scopeLabels = { 'io.kubenest.node': config.nodeName, ...config.runtimeScopeLabels };
  if (kind === 'docker')
    return new DockerRuntime({
      scopeLabels,
      network: config.dockerNetwork,
      podNetworkAttach: config.dockerNetworkAttach,
      containerLogs: config.containerLogs,
    });
  return new ProcessRuntime({ rootDir: join(config.rootDir, 'process-runtime'), scopeLabels });
}
