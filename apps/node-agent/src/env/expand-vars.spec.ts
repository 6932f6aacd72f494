import assert from 'node:assert/strict';
import { it } from 'node:test';
import { expandVars } from './expand-vars.js';

const vars: Record<string, string> = { A: 'x', B: 'y' };
const lookup = (name: string) => vars[name];

it('expands $(VAR) like Kubernetes: known names, unknown kept, $$ escapes, other $ kept', () => {
  assert.equal(expandVars('$(A)-$(B)', lookup), 'x-y');
  assert.equal(expandVars('$(MISSING)', lookup), '$(MISSING)');
  assert.equal(expandVars('$$(A)', lookup), '$(A)');
  assert.equal(expandVars('$$', lookup), '$');
  assert.equal(expandVars('cost $5 $', lookup), 'cost $5 $');
  assert.equal(expandVars('$(A', lookup), '$(A');
});
