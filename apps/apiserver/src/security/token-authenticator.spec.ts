import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ensureAdminToken } from './ensure-admin-token.js';
import { addToken, readTokens } from './token-file.js';
import { tokenFilePath } from './static-token-file.js';
import { TokenAuthenticator } from './token-authenticator.js';

describe('admin token and TokenAuthenticator', () => {
  let dataDir: string;
  let adminToken: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kubenest-tokens-'));
    adminToken = await ensureAdminToken(dataDir);
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('creates a 256-bit base64url admin token in a 0600 tokens.csv, once', async () => {
    assert.match(adminToken, /^[A-Za-z0-9_-]{43}$/);
    assert.equal((await stat(tokenFilePath(dataDir))).mode & 0o777, 0o600);
    assert.equal(await ensureAdminToken(dataDir), adminToken);
    assert.equal((await readTokens(dataDir)).length, 1);
  });

  it('accepts the admin token as kubernetes-admin in system:masters', () => {
    const authenticator = new TokenAuthenticator(tokenFilePath(dataDir));
    assert.deepEqual(authenticator.authenticate(`Bearer ${adminToken}`), {
      username: 'kubernetes-admin',
      uid: 'kubernetes-admin',
      groups: ['system:masters', 'system:authenticated'],
    });
    assert.equal(
      authenticator.authenticate(`bearer ${adminToken}`)?.username,
      'kubernetes-admin',
      'scheme is case-insensitive',
    );
  });

  it('refuses missing, malformed and unknown credentials', () => {
    const authenticator = new TokenAuthenticator(tokenFilePath(dataDir));
    for (const header of [
      undefined,
      '',
      adminToken,
      `Basic ${adminToken}`,
      'Bearer nope',
      `Bearer ${adminToken}x`,
      `Bearer ${adminToken.slice(1)}`,
    ]) {
      assert.equal(authenticator.authenticate(header), undefined, String(header));
    }
  });

  it('picks up a token added while it runs, and one removed', async () => {
    const authenticator = new TokenAuthenticator(tokenFilePath(dataDir), { recheckIntervalMs: 0 });
    const added = await addToken(dataDir, { user: 'alice', groups: ['dev', 'ops'] });
    assert.deepEqual(authenticator.authenticate(`Bearer ${added.token}`)?.groups, [
      'dev',
      'ops',
      'system:authenticated',
    ]);

    await writeFile(tokenFilePath(dataDir), `${adminToken},kubernetes-admin,kubernetes-admin,"system:masters"\n`);
    assert.equal(authenticator.authenticate(`Bearer ${added.token}`), undefined);
    assert.equal(authenticator.authenticate(`Bearer ${adminToken}`)?.username, 'kubernetes-admin');
  });

  it('accepts a token added a moment ago even within the recheck interval', async () => {
    const authenticator = new TokenAuthenticator(tokenFilePath(dataDir), { recheckIntervalMs: 60_000 });
    assert.equal(authenticator.authenticate(`Bearer ${adminToken}`)?.username, 'kubernetes-admin');
    const added = await addToken(dataDir, { user: 'bob' });
    assert.equal(authenticator.authenticate(`Bearer ${added.token}`)?.username, 'bob');
  });

  it('keeps the previous tokens when a changed file is malformed, and reports it', async () => {
    const errors: Error[] = [];
    const authenticator = new TokenAuthenticator(tokenFilePath(dataDir), {
      recheckIntervalMs: 0,
      onReloadError: (e) => errors.push(e),
    });
    await writeFile(tokenFilePath(dataDir), 'just-a-token\n');
    assert.equal(authenticator.authenticate(`Bearer ${adminToken}`)?.username, 'kubernetes-admin');
    assert.match(errors[0]?.message ?? '', /line 1: must have at least 3 columns/);
  });

  it('refuses to start on a malformed file', async () => {
    const path = join(dataDir, 'broken.csv');
    await writeFile(path, 'tok,"unterminated\n');
    assert.throws(() => new TokenAuthenticator(path), /unterminated quoted field/);
  });

  it('authenticates nobody when the file does not exist', () => {
    assert.equal(new TokenAuthenticator(join(dataDir, 'absent.csv')).authenticate(`Bearer ${adminToken}`), undefined);
  });
});
