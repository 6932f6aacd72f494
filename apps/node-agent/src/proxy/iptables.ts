import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { ChainNames, hooks, renderRules } from './iptables-rules.js';
import type { ServicePortEntry } from './service-ports.js';
import type { ProxyBackend } from './service-proxy.js';

const run = promisify(execFile);

/** How often a sync also reads the host back (the periodic resync comes every 30 s). */
const HOST_CHECK_MS = 25_000;

/** The host's iptables as one agent uses it: its own chains (ChainNames) and the jumps into them. */
export class Iptables implements ProxyBackend {
  readonly mode = 'iptables';
  /**
   * `owner` (the agent's root dir) goes into the jumps' comment, so that an agent can tell
   * a scope whose agent is gone for good (its root dir removed) from a live one: see
   * removeAbandonedScopes.
   */
  constructor(
    readonly names: ChainNames,
    private readonly owner: string,
  ) {}

  /** Whether iptables works here (installed, and we may change rules). */
  static async available(): Promise<string | undefined> {
    try {
      await run('iptables', ['-w', '5', '-t', 'nat', '-S', 'OUTPUT']);
      return undefined;
    } catch (error) {
      return (error as Error).message.split('\n')[0];
    }
  }

  /** The chains the last sync left, per table; read from the host when unknown or stale. */
  private known?: { nat: string[]; filter: string[] };
  private lastHostCheck = 0;

  /**
   * Replaces this agent's chains with the rules for `entries` in one iptables-restore
   * transaction (other chains untouched), deleting chains of service ports that are gone. The
   * host is read back (iptables-save, the jumps from the built-in chains) on the first sync and
   * then at most every HOST_CHECK_MS, so a sync on an endpoint change is one iptables-restore.
   */
  async sync(entries: ServicePortEntry[]): Promise<void> {
    const checkHost = !this.known || Date.now() - this.lastHostCheck > HOST_CHECK_MS;
    const existing = checkHost ? await this.ownChains() : this.known!;
    const rules = renderRules(this.names, entries, existing);
    await restore(rules);
    this.known = writtenChains(rules);
    if (checkHost) {
      await this.ensureHooks();
      this.lastHostCheck = Date.now();
    }
  }

  /** Removes every jump to and every chain of this agent. */
  async remove(): Promise<void> {
    for (const hook of hooks(this.names)) {
      const rule = (op: string) => ['-t', hook.table, op, hook.chain, ...this.hookMatch(hook.target)];
      while (await succeeds(rule('-C'))) await iptables(rule('-D'));
    }
    const own = await this.ownChains();
    this.known = undefined;
    const declare = (chains: string[]) => [...chains.map((c) => `:${c} - [0:0]`), ...chains.map((c) => `-X ${c}`)];
    await restore(['*nat', ...declare(own.nat), 'COMMIT', '*filter', ...declare(own.filter), 'COMMIT', ''].join('\n'));
  }

  private async ensureHooks(): Promise<void> {
    for (const hook of hooks(this.names)) {
      const match = this.hookMatch(hook.target);
      // First in the chain: ahead of Docker's own DNAT and its FORWARD policy of DROP.
      if (!(await succeeds(['-t', hook.table, '-C', hook.chain, ...match])))
        await iptables(['-t', hook.table, '-I', hook.chain, '1', ...match]);
    }
  }

  private hookMatch(target: string): string[] {
    return ['-m', 'comment', '--comment', hookComment(this.names.scope, this.owner), '-j', target];
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

/** The chains an iptables-restore input leaves in place: declared and not deleted. */
function writtenChains(rules: string): { nat: string[]; filter: string[] } {
  const result: { nat: string[]; filter: string[] } = { nat: [], filter: [] };
  let table: 'nat' | 'filter' = 'nat';
  const deleted = new Set(
    rules
      .split('\n')
      .filter((l) => l.startsWith('-X '))
      .map((l) => l.slice(3)),
  );
  for (const line of rules.split('\n')) {
    if (line === '*nat' || line === '*filter') table = line.slice(1) as 'nat' | 'filter';
    else if (line.startsWith(':')) {
      const chain = line.slice(1).split(' ')[0];
      if (!deleted.has(chain)) result[table].push(chain);
    }
  }
  return result;
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

/** iptables comments hold 256 characters; a longer root dir is left out (such a scope is never swept). */
export function hookComment(scope: string, owner: string): string {
  const full = `kubenest ${scope} services ${owner}`;
  return full.length <= 250 && !owner.includes('"') ? full : `kubenest ${scope} services`;
}
