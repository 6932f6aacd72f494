import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatEntry } from './logs-search-command.js';
import { logQuerySpec, parseSince } from './logs-search-options.js';

it('reads --since as kubectl does, in whole seconds rounded up', () => {
  assert.equal(parseSince('30s'), 30);
  assert.equal(parseSince('5m'), 300);
  assert.equal(parseSince('1h30m'), 5400);
  assert.equal(parseSince('1.5h'), 5400);
  assert.equal(parseSince('1ms'), 1);
  for (const bad of ['', '10', '1d', 'h', '5m junk', '0s'])
    assert.throws(() => parseSince(bad), /invalid --since/, `"${bad}" should be refused`);
});

it('turns the flags into a LogQuery spec and refuses a bad --limit', () => {
  assert.deepEqual(
    logQuerySpec('stream:"stderr"', {
      since: '1h',
      namespace: 'shop',
      selector: 'app=web',
      pod: 'web-1',
      container: 'web',
      limit: '20',
    }),
    {
      query: 'stream:"stderr"',
      sinceSeconds: 3600,
      namespace: 'shop',
      labelSelector: 'app=web',
      pod: 'web-1',
      container: 'web',
      limit: 20,
    },
  );
  assert.deepEqual(logQuerySpec(undefined, {}), { query: '' });
  assert.throws(() => logQuerySpec('x', { limit: 'ten' }), /invalid --limit "ten"/);
  assert.throws(() => logQuerySpec('x', { limit: '0' }), /invalid --limit/);
});

it('prints a line with its pod and container, and the timestamp when asked', () => {
  const entry = { timestamp: '2025-01-01T00:00:00.5Z', namespace: 'ns', pod: 'p', container: 'c', log: 'hello\n' };
  assert.equal(formatEntry(entry, {}), '[ns/pod/p/c] hello');
  assert.equal(formatEntry(entry, { timestamps: true }), '2025-01-01T00:00:00.5Z [ns/pod/p/c] hello');
});
