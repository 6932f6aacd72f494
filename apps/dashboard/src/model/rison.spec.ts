import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeRison } from './rison.js';

describe('encodeRison', () => {
  it('writes bare words, quoted strings, lists and objects as Kibana reads them', () => {
    assert.equal(encodeRison({ time: { from: 'now-15m', to: 'now' } }), '(time:(from:now-15m,to:now))');
    assert.equal(encodeRison([['@timestamp', 'desc']]), "!(!('@timestamp',desc))");
    assert.equal(encodeRison({ pause: true, value: 0, off: false, none: null }), '(pause:!t,value:0,off:!f,none:!n)');
    assert.equal(encodeRison([]), '!()');
  });

  it("escapes ! and ' inside quoted strings, and quotes what would not parse bare", () => {
    assert.equal(encodeRison("it's !important"), "'it!'s !!important'");
    assert.equal(encodeRison('log:error AND stream:"stderr"'), `'log:error AND stream:"stderr"'`);
    assert.equal(encodeRison('-leading-dash'), "'-leading-dash'");
    assert.equal(encodeRison('2024'), "'2024'");
    assert.equal(encodeRison(''), "''");
  });

  it('leaves out undefined fields', () => {
    assert.equal(encodeRison({ a: 1, b: undefined }), '(a:1)');
  });
});
