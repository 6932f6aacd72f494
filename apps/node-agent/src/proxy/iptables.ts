import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { ChainNames, hooks, renderRules } from './iptables-rules.js';
import type { ServicePortEntry } from './service-ports.js';
import type { ProxyBackend } from './service-proxy.js';

const run = promisify(execFile);

/** The host's iptables as one agent uses it: its own chains (ChainNames) and the jumps into them. */
export class Iptables implements ProxyBackend {
  readonly mode = 'iptables';
  constructor(readonly names: ChainNames) {}

  /** Whether iptables works here (installed, and we may change rules). */
  static async available(): Promise<string | undefined> {
    try {
      await run('iptables', ['-w', '5', '-t', 'nat', '-S', 'OUTPUT']);
      return undefined;
    } catch (error) {
      return (error as Error).message.split('\n')[0];
    }
  }

  /**
   * Replaces this agent's chains with the rules for `entries` in one iptables-restore
   * transaction (other chains untouched), deleting chains of service ports that are gone, and
   * makes sure the built-in chains jump to ours.
   */
  async sync(entries: ServicePortEntry[]): Promise<void> {
    const rules = renderRules(this.names, entries, await this.ownChains());
    await restore(rules);
    await this.ensureHooks();
  }

  /** Removes every jump to and every chain of this agent. */
  async remove(): Promise<void> {
    for (const hook of hooks(this.names)) {
      const rule = (op: string) => ['-t', hook.table, op, hook.chain, ...hookMatch(this.names, hook.target)];
      while (await succeeds(rule('-C'))) await iptables(rule('-D'));
    }
    const own = await this.ownChains();
    const declare = (chains: string[]) => [...chains.map((c) => `:${c} - [0:0]`), ...chains.map((c) => `-X ${c}`)];
    await restore(['*nat', ...declare(own.nat), 'COMMIT', '*filter', ...declare(own.filter), 'COMMIT', ''].join('\n'));
  }

  private async ensureHooks(): Promise<void> {
    for (const hook of hooks(this.names)) {
      const match = hookMatch(this.names, hook.target);
      // First in the chain: ahead of Docker's own DNAT and its FORWARD policy of DROP.
      if (!(await succeeds(['-t', hook.table, '-C', hook.chain, ...match])))
        await iptables(['-t', hook.table, '-I', hook.chain, '1', ...match]);
    }
  }

  private async ownChains(): Promise<{ nat: string[]; filter: string[] }> {
    const chains = async (table: string) => {
      const { stdout } = await run('iptables-save', ['-t', table], { maxBuffer: 64 * 1024 * 1024 });
      return stdout
        .split('\n')
        .filter((line) => line.startsWith(`:${this.names.prefix}`))
        .map((line) => line.slice(1).split(' ')[0]);
    };
    return { nat: await chains('nat'), filter: await chains('filter') };
  }
}

function hookMatch(names: ChainNames, target: string): string[] {
  return ['-m', 'comment', '--comment', `kubenest ${names.scope} services`, '-j', target];
}

async function iptables(args: string[]): Promise<void> {
  await run('iptables', ['-w', '5', ...args]);
}

function succeeds(args: string[]): Promise<boolean> {
  return iptables(args).then(
    () => true,
    () => false,
  );
}

/** iptables-restore --noflush: only the chains the input declares are flushed. */
function restore(rules: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('iptables-restore', ['-w', '5', '--noflush'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`iptables-restore failed (${code}): ${stderr.trim()}`)),
    );
    child.stdin.end(rules);
  });
}

/**
 * Lets node ports answer on 127.0.0.1: without route_localnet the kernel drops a loopback
 * source rerouted to the pod bridge after DNAT (kube-proxy sets the same sysctl).
 */
export async function allowLocalhostNodePorts(): Promise<void> {
  await writeFile('/proc/sys/net/ipv4/conf/all/route_localnet', '1');
}
