import type Docker from 'dockerode';

type DockerState = Docker.ContainerInspectInfo['State'];

/** A terminated container's reason and message, as the kubelet derives them from Docker. */
export function containerReason(state: DockerState): { reason?: string; message?: string } {
  if (state.Running) return {};
  if (state.Error) return { reason: 'ContainerCannotRun', message: state.Error };
  if (state.Status === 'created') return {};
  if (state.OOMKilled) return { reason: 'OOMKilled' };
  return { reason: state.ExitCode === 0 ? 'Completed' : 'Error' };
}
