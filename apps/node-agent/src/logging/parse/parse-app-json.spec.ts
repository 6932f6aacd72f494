import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAppJson } from './parse-app-json.js';

describe('parseAppJson', () => {
  it('parses a JSON object line, and nothing else', () => {
    assert.deepEqual(parseAppJson('{"level":"info","n":1}\n', 23, 100), { level: 'info', n: 1 });
    assert.equal(parseAppJson('[1,2]\n', 6, 100), undefined);
    assert.equal(parseAppJson('{not json}\n', 11, 100), undefined);
    assert.equal(parseAppJson('plain text\n', 11, 100), undefined);
  });

  it('leaves a line over the size cap unparsed', () => {
    const line = `{"big":"${'x'.repeat(200)}"}\n`;
    assert.equal(parseAppJson(line, Buffer.byteLength(line), 100), undefined);
    assert.ok(parseAppJson(line, Buffer.byteLength(line), 1000));
  });
});
