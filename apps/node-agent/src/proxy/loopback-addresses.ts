import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Addresses this agent puts on `lo` (the cluster DNS address, the userspace proxy's cluster
 * IPs), each labelled `lo:kn<scope>` so that the agent finds exactly its own after a restart
 * and another cluster's are left alone. (A dummy interface, as kube-proxy's kube-ipvs0, needs
 * the dummy kernel module, which not every host has; an address on lo serves the same: the
 * host accepts it as local, and pods reach it through their gateway.)
 */
export class LoopbackAddresses {
  readonly label: string;

  constructor(scope: string) {
    this.label = `lo:kn${scope}`;
  }

  async list(): Promise<string[]> {
    const { stdout } = await run('ip', ['-4', '-o', 'addr', 'show', 'dev', 'lo', 'label', this.label]);
    return [...stdout.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\/32/g)].map((match) => match[1]);
  }

  /** Makes exactly `wanted` (plus `keep`) present under this agent's label. */
  async reconcile(wanted: string[], keep: string[] = []): Promise<void> {
    const present = await this.list();
    for (const address of present) if (!wanted.includes(address) && !keep.includes(address)) await this.remove(address);
    for (const address of wanted) if (!present.includes(address)) await this.add(address);
  }

  async add(address: string): Promise<void> {
    try {
      await run('ip', ['addr', 'add', `${address}/32`, 'dev', 'lo', 'label', this.label]);
    } catch (error) {
      // Present already (added by an earlier run): fine.
      if (!/File exists/.test((error as { stderr?: string }).stderr ?? '')) throw error;
    }
  }

  async remove(address: string): Promise<void> {
    await run('ip', ['addr', 'del', `${address}/32`, 'dev', 'lo']).catch(() => undefined);
  }
}
