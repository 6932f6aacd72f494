import { hash, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { parseTokenFile } from './static-token-file.js';
import type { UserInfo } from './user-info.js';

export interface TokenAuthenticatorOptions {
  /**
   * How often, at most, an accepted request checks the file's stat for changes (to notice
   * removed tokens); 0 checks on every request. An unknown token always re-checks.
   */
  recheckIntervalMs?: number;
  /** Called when a changed file cannot be read or parsed; the previous tokens stay in force. */
  onReloadError?: (error: Error) => void;
}

interface HashedEntry {
  tokenHash: Buffer;
  user: UserInfo;
}

// Kubernetes adds this group to every authenticated user; RBAC bindings rely on it.
const AUTHENTICATED_GROUP = 'system:authenticated';

/**
 * Bearer-token authentication against Kubernetes' static token file. Tokens are compared as
 * SHA-256 digests with timingSafeEqual, over every entry, so neither the comparison nor the
 * position of a match leaks through timing. The file is re-read when its mtime, size or
 * inode changes, so tokens added while the apiserver runs work at once.
 */
export class TokenAuthenticator {
  private entries: HashedEntry[] = [];
  private fileVersion: string | undefined;
  private lastCheck = Number.NEGATIVE_INFINITY;
  private readonly recheckIntervalMs: number;

  constructor(
    private readonly tokenFile: string,
    private readonly options: TokenAuthenticatorOptions = {},
  ) {
    this.recheckIntervalMs = options.recheckIntervalMs ?? 1000;
    // A broken file at start is a configuration error the operator must see: throw.
    this.reload({ throwOnError: true });
  }

  authenticate(authorizationHeader: string | undefined): UserInfo | undefined {
    const token = bearerToken(authorizationHeader);
    if (token === undefined) return undefined;
    const presented = sha256(token);
    this.reloadIfChanged({ force: false });
    let match = this.find(presented);
    // A token created a moment ago must work at once: before refusing, look at the file
    // again whatever the interval. Costs a stat on failed requests only.
    if (!match) {
      this.reloadIfChanged({ force: true });
      match = this.find(presented);
    }
    return match && { ...match.user, groups: [...match.user.groups] };
  }

  private find(presented: Buffer): HashedEntry | undefined {
    let match: HashedEntry | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.tokenHash, presented) && match === undefined) match = entry;
    }
    return match;
  }

  private reloadIfChanged({ force }: { force: boolean }): void {
    const now = Date.now();
    if (!force && now - this.lastCheck < this.recheckIntervalMs) return;
    this.lastCheck = now;
    this.reload({ throwOnError: false });
  }

  private reload({ throwOnError }: { throwOnError: boolean }): void {
    try {
      const version = this.statVersion();
      if (version === this.fileVersion) return;
      const text = version === 'missing' ? '' : readFileSync(this.tokenFile, 'utf8');
      this.entries = parseTokenFile(text, this.tokenFile).map((entry) => ({
        tokenHash: sha256(entry.token),
        user: {
          username: entry.user,
          uid: entry.uid,
          groups: entry.groups.includes(AUTHENTICATED_GROUP) ? entry.groups : [...entry.groups, AUTHENTICATED_GROUP],
        },
      }));
      this.fileVersion = version;
    } catch (error) {
      if (throwOnError) throw error;
      this.options.onReloadError?.(error as Error);
    }
  }

  private statVersion(): string {
    try {
      const stat = statSync(this.tokenFile);
      return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw error;
    }
  }
}

/** The token of an "Authorization: Bearer <token>" header; the scheme is case-insensitive (RFC 7235). */
function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^\s*bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** One-shot crypto.hash: every request pays this, and it skips the Hash object createHash builds. */
function sha256(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}
