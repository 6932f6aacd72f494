import { randomBytes, randomInt } from 'node:crypto';
import { link, mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressPool } from './address-pool.js';

/**
 * Which pod owns which address of the pool, as the CNI host-local plugin keeps it: one file
 * per reserved address in a directory shared by every agent on the machine, created with
 * O_EXCL so two reservations of one address cannot both succeed, whichever processes make
 * them. A file holds its owner (the sandbox container's name). Files outlive the agent, so a
 * restarted agent neither hands out addresses its running pods hold nor forgets to release
 * them. Addresses are tried round robin from a random start, so a released address is rarely
 * handed out again soon.
 */
export class IpReservations {
  private next: number;
  private dirReady?: Promise<unknown>;

  constructor(
    readonly dir: string,
    private readonly pool: AddressPool,
  ) {
    this.next = randomInt(pool.size);
  }

  /** Reserves a free address for `owner`; throws when the whole pool is taken. */
  async reserve(owner: string): Promise<string> {
    this.dirReady ??= mkdir(this.dir, { recursive: true });
    await this.dirReady;
    for (let tried = 0; tried < this.pool.size; tried++) {
      const ip = this.pool.addressAt(this.next);
      this.next = (this.next + 1) % this.pool.size;
      try {
        await writeFile(join(this.dir, ip), owner, { flag: 'wx' });
        return ip;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new Error(`no free pod address in ${this.pool.subnet} (${this.pool.size} reserved under ${this.dir})`);
  }

  /** Gives `ip` back if `owner` holds it (a no-op when it is free or someone else's). */
  async release(ip: string, owner: string): Promise<void> {
    await this.removeIf(ip, (holder) => holder === owner);
  }

  /**
   * Releases reservations that no pod uses: older than `graceMs` (a reservation is made just
   * before its sandbox is created) and held by no address `inUse` says is live. For what a
   * crashed agent or a container removed behind the agent's back left.
   */
  async releaseUnused(inUse: Set<string>, graceMs: number): Promise<string[]> {
    const names = await readdir(this.dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const released: string[] = [];
    for (const ip of names) {
      if (!this.pool.contains(ip) || inUse.has(ip)) continue;
      if (await this.removeIf(ip, (_owner, reservedAt) => Date.now() - reservedAt >= graceMs)) released.push(ip);
    }
    return released;
  }

  /**
   * Removes the reservation of `ip` when `holds` accepts its owner. Another agent may release
   * and reserve the same address between our read and our unlink, so the file is first moved
   * aside atomically and read there: a reservation that turns out not to be the one we meant
   * is moved back (link refuses to overwrite one made meanwhile). A rename keeps the file's
   * mtime, the moment of its reservation.
   */
  private async removeIf(ip: string, holds: (owner: string, reservedAtMs: number) => boolean): Promise<boolean> {
    const path = join(this.dir, ip);
    const aside = join(this.dir, `.${ip}.${randomBytes(4).toString('hex')}`);
    try {
      await rename(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    const [owner, { mtimeMs }] = await Promise.all([readFile(aside, 'utf8'), stat(aside)]);
    if (!holds(owner, mtimeMs)) {
      await link(aside, path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      await unlink(aside);
      return false;
    }
    await unlink(aside);
    return true;
  }
}
