import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ComponentSpec } from './component-spec.js';
import { ComponentStartError, Supervisor } from './supervisor.js';

// Components are tiny node scripts: ready once they have written a marker file, and they
// record the SIGTERM they receive so the stop order can be checked.
function nodeComponent(
  dir: string,
  name: string,
  script: string,
  overrides: Partial<ComponentSpec> = {},
): ComponentSpec {
  const marker = join(dir, `${name}.ready`);
  return {
    name,
    command: process.execPath,
    args: ['-e', script, marker, join(dir, 'stop-order.txt'), name],
    readiness: { description: `${marker} exists`, check: async () => existsSync(marker) },
    readyTimeoutMs: 5000,
    stopTimeoutMs: 2000,
    ...overrides,
  };
}

const SERVE = `
  const fs = require('node:fs');
  const [marker, stopLog, name] = process.argv.slice(1);
  console.log(JSON.stringify({ level: 30, msg: name + ' serving' }));
  console.error('plain stderr line');
  fs.writeFileSync(marker, '');
  process.on('SIGTERM', () => { fs.appendFileSync(stopLog, name + '\\n'); process.exit(0); });
  setInterval(() => {}, 1000);
`;

describe('Supervisor', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubenest-supervisor-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('starts in order once each is ready, logs to files and the terminal, stops in reverse', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ logDir: join(dir, 'logs'), report: (line) => lines.push(line) });
    await supervisor.startAll([nodeComponent(dir, 'first', SERVE), nodeComponent(dir, 'second', SERVE)]);
    await supervisor.stopAll();

    assert.equal(await readFile(join(dir, 'stop-order.txt'), 'utf8'), 'second\nfirst\n');
    const log = await readFile(join(dir, 'logs', 'first.log'), 'utf8');
    assert.match(log, /"msg":"first serving"/);
    assert.match(log, /plain stderr line/);
    assert.ok(lines.includes('first     | first serving'), lines.join('\n'));
    assert.ok(lines.indexOf('first     | ready') < lines.findIndex((l) => l.startsWith('second    | started')));
    assert.ok(lines.includes('second    | stopped (exited with code 0)'));
  });

  it('reports a component that dies after start as a failure with its last lines', async () => {
    const supervisor = new Supervisor({ logDir: join(dir, 'logs'), report: () => {} });
    const dying = `require('node:fs').writeFileSync(process.argv[1], ''); setTimeout(() => { console.error('out of luck'); process.exit(3); }, 300);`;
    await supervisor.start(nodeComponent(dir, 'dying', dying));
    const failure = await supervisor.failure;
    assert.equal(failure.name, 'dying');
    assert.equal(failure.code, 3);
    assert.deepEqual(failure.lastLines, ['out of luck']);
    await supervisor.stopAll();
  });

  it('fails start when the component exits before it is ready', async () => {
    const supervisor = new Supervisor({ logDir: join(dir, 'logs'), report: () => {} });
    await assert.rejects(
      supervisor.start(nodeComponent(dir, 'early', `console.error('bad config'); process.exit(2)`)),
      (error) => {
        assert.ok(error instanceof ComponentStartError);
        assert.equal(error.message, 'early exited with code 2 before it was ready');
        assert.deepEqual(error.failure.lastLines, ['bad config']);
        return true;
      },
    );
    await supervisor.stopAll();
  });

  it('fails start when the command does not exist', async () => {
    const supervisor = new Supervisor({ logDir: join(dir, 'logs'), report: () => {} });
    const spec = { ...nodeComponent(dir, 'missing', ''), command: join(dir, 'no-such-binary') };
    await assert.rejects(
      supervisor.start(spec),
      /missing could not start \(spawn .*no-such-binary ENOENT\) before it was ready/,
    );
    await supervisor.stopAll();
  });

  it('fails start after the readiness timeout, and kills a component that ignores SIGTERM', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ logDir: join(dir, 'logs'), report: (line) => lines.push(line) });
    const stubborn = `process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);`;
    const spec = nodeComponent(dir, 'stubborn', stubborn, { readyTimeoutMs: 500, stopTimeoutMs: 300 });
    await assert.rejects(
      supervisor.start(spec),
      /stubborn was not ready after 1s \(waiting for .*stubborn.ready exists\)/,
    );
    await supervisor.stopAll();
    assert.ok(
      lines.some((l) => l.includes('still running after 0.3s, killing it')),
      lines.join('\n'),
    );
    assert.ok(lines.includes('stubborn  | stopped (was killed by SIGKILL)'), lines.join('\n'));
  });

  it('runs preflight before spawning and stops there when it throws', async () => {
    const supervisor = new Supervisor({ logDir: join(dir, 'logs'), report: () => {} });
    const spec = nodeComponent(dir, 'checked', SERVE, {
      preflight: async () => {
        throw new Error('port taken');
      },
    });
    await assert.rejects(supervisor.start(spec), /port taken/);
    assert.equal(existsSync(join(dir, 'checked.ready')), false);
    await supervisor.stopAll();
  });
});
