export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

/**
 * `kubectl rollout restart`: a strategic merge patch that stamps the pod template with the
 * time, so the template changes and the Deployment rolls out new pods. RFC 3339 in seconds, as kubectl writes it.
 */
export function restartPatch(now: Date): object {
  const restartedAt = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: restartedAt } } } } };
}
