import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatTokenLine, parseTokenFile, tokenFilePath, type TokenEntry } from './static-token-file.js';

export interface NewToken {
  user: string;
  groups?: string[];
  /** Defaults to a random UUID. */
  uid?: string;
}

/** A bearer token of 32 random bytes, base64url: 256 bits, safe in CSV and HTTP headers. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Appends a new token line to <dataDir>/tokens.csv (mode 0600), which a running apiserver picks up. */
export async function addToken(dataDir: string, request: NewToken): Promise<TokenEntry> {
  const user = request.user.trim();
  if (user === '' || /[\r\n]/.test(user)) throw new Error('the user name must be non-empty and on one line');
  const groups = (request.groups ?? []).map((g) => g.trim()).filter((g) => g !== '');
  if (groups.some((g) => /[\r\n,]/.test(g))) throw new Error('a group name must not contain commas or line breaks');
  const entry: TokenEntry = { token: generateToken(), user, uid: request.uid ?? randomUUID(), groups };

  const path = tokenFilePath(dataDir);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const file = await open(path, 'a+', 0o600);
  try {
    // Tokens are secrets: tighten a file someone created with looser permissions.
    await file.chmod(0o600);
    const existing = await file.readFile('utf8');
    const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
    await file.appendFile(`${separator}${formatTokenLine(entry)}\n`);
  } finally {
    await file.close();
  }
  return entry;
}

/** All token lines, or none when the file does not exist yet. */
export async function readTokens(dataDir: string): Promise<TokenEntry[]> {
  const path = tokenFilePath(dataDir);
  try {
    return parseTokenFile(await readFile(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
