/**
 * The kubelet's restart rule for a container that has exited: Always restarts, OnFailure
 * restarts on a non-zero exit or a liveness kill, Never does not.
 */
export function shouldRestart(
  restartPolicy: string | undefined,
  exitCode: number | undefined,
  killedByLiveness = false,
): boolean {
  const policy = restartPolicy ?? 'Always';
  if (policy === 'Always') return true;
  if (policy === 'Never') return false;
  return killedByLiveness || (exitCode ?? 0) !== 0;
}
