import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TokenAuthenticator, tokenFilePath } from '../../../apiserver/src/security/index.js';
import { loadCliConfig } from '../config/cli-config.js';
import { runTokenCreate, runTokenList } from './token-command.js';

describe('kubenest token create|list', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kubenest-token-cmd-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('creates a token the authenticator accepts and lists it shortened', async () => {
    const config = loadCliConfig({ dataDir }, {});
    const printed: string[] = [];
    await runTokenCreate(config, { user: 'ci-bot', groups: ['deployers'] }, (line) => printed.push(line));
    const token = printed[0];
    assert.equal(new TokenAuthenticator(tokenFilePath(dataDir)).authenticate(`Bearer ${token}`)?.username, 'ci-bot');

    const listed: string[] = [];
    await runTokenList(config, (line) => listed.push(line));
    assert.match(listed[0], /^TOKEN\s+USER\s+UID\s+GROUPS$/);
    assert.match(
      listed[1],
      new RegExp(`^${token.slice(0, 6).replace(/[-]/g, '\\-')}…\\s+ci-bot\\s+\\S+\\s+deployers$`),
    );
    assert.ok(!listed.join('\n').includes(token), 'the full token is never listed');
  });
});
