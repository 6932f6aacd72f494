import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeLogLine } from './summarize-log-line.js';

describe('summarizeLogLine', () => {
  it('shows pino info as its message and warn+ with a level and the error', () => {
    assert.equal(
      summarizeLogLine('{"level":30,"time":1,"msg":"apiserver listening","address":"x"}'),
      'apiserver listening',
    );
    assert.equal(
      summarizeLogLine('{"level":50,"msg":"store failed","err":{"message":"ECONNREFUSED"}}'),
      'ERROR store failed: ECONNREFUSED',
    );
    assert.equal(summarizeLogLine('{"level":60,"msg":"boom","err":{"message":"boom"}}'), 'FATAL boom');
  });

  it('keeps pino debug and trace, and Redis debug/verbose lines, out of the terminal', () => {
    assert.equal(summarizeLogLine('{"level":20,"msg":"request"}'), undefined);
    assert.equal(summarizeLogLine('7:M 22 Nov 2025 02:27:01.123 - Accepted connection'), undefined);
    assert.equal(summarizeLogLine('   '), undefined);
  });

  it('strips the pid and timestamp from Redis lines', () => {
    assert.equal(
      summarizeLogLine('13840:M 22 Nov 2025 02:27:01.123 * Ready to accept connections unix'),
      'Ready to accept connections unix',
    );
    assert.equal(summarizeLogLine('13840:C 2 Nov 2025 02:27:01.123 # Redis is starting'), 'Redis is starting');
  });

  it('passes other lines through, cut at 160 characters', () => {
    assert.equal(summarizeLogLine('Error [ERR_MODULE_NOT_FOUND]: x'), 'Error [ERR_MODULE_NOT_FOUND]: x');
    assert.equal(summarizeLogLine('{not json'), '{not json');
    const long = summarizeLogLine('x'.repeat(500));
    assert.equal(long?.length, 160);
    assert.ok(long?.endsWith('…'));
  });
});
