import { findOnPath } from '../../executables.js';

/**
 * Wiring sandboxes takes root (a veth pair, a move into another network namespace) and
 * iproute2's `ip` and util-linux's `nsenter`; without them Docker attaches sandboxes itself.
 */
export function defaultPodNetworkAttach(): 'veth' | 'docker' {
  if (process.getuid?.() !== 0) return 'docker';
  const path = process.env['PATH'] ?? '';
  return findOnPath('ip', path) && findOnPath('nsenter', path) ? 'veth' : 'docker';
}
