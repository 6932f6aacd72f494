import type { Container } from '#api';
import type { PullPolicy } from '#runtime';

/** The container's pull policy, defaulted as the apiserver does: Always for :latest or no tag, else IfNotPresent. */
export function pullPolicyOf(container: Container): PullPolicy {
  const policy = container.imagePullPolicy;
  if (policy === 'Always' || policy === 'IfNotPresent' || policy === 'Never') return policy;
  const image = container.image ?? '';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tagged = lastSegment.includes(':') && !image.endsWith(':latest');
  return tagged || image.includes('@') ? 'IfNotPresent' : 'Always';
}
