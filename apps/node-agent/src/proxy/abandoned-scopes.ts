import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { ChainNames } from './iptables-rules.js';
import { Iptables } from './iptables.js';
import { LoopbackAddresses } from './loopback-addresses.js';

const run = promisify(execFile);
const HOOK = /^-A \S+ -m comment --comment "kubenest ([0-9a-f]{8}) services (\/[^"]+)" -j KN/;

/**
 * Removes the chains, jumps and lo addresses of other kubenest agents on this machine whose
 * root dir no longer exists: an agent killed without its clean stop (a test cluster whose
 * data dir was then deleted) would otherwise leave rules that still claim its cluster IPs.
 * A scope whose root dir exists is never touched, however long its agent has been stopped.
 */
export async function removeAbandonedScopes(ownScope: string, logger: Logger): Promise<void> {
  const { stdout } = await run('iptables-save', [], { maxBuffer: 64 * 1024 * 1024 });
  const abandoned = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = HOOK.exec(line);
    if (match && match[1] !== ownScope && !existsSync(match[2])) abandoned.set(match[1], match[2]);
  }
  for (const [scope, owner] of abandoned) {
    logger.info({ scope, owner }, 'removing the service rules of a node agent whose root dir is gone');
    await new Iptables(new ChainNames(scope), owner).remove();
    await new LoopbackAddresses(scope).reconcile([]);
  }
}
