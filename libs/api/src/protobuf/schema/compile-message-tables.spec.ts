import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileMessageTables } from './compile-message-tables.js';
import { topLevelSchemaFor } from './top-level-kinds.js';

describe('compileMessageTables', () => {
  it('links fields to their messages with number, flags and map value type', () => {
    const schemas = compileMessageTables({
      Outer: 'inner=1:Inner labels=2:map<string> replicas=3:int32! items=4:Inner[] src=5:Inner^',
      Inner: 'size=1:Quantity',
    });
    const outer = schemas.get('Outer')!;
    assert.equal(outer.fields.get(1)!.type, schemas.get('Inner'));
    assert.deepEqual(
      { ...outer.fields.get(2)!, type: outer.fields.get(2)!.type },
      {
        jsonName: 'labels',
        number: 2,
        type: 'string',
        repeated: false,
        map: true,
        keepZero: false,
        inline: false,
      },
    );
    assert.equal(outer.fields.get(3)!.keepZero, true);
    assert.equal(outer.fields.get(4)!.repeated, true);
    assert.equal(outer.fields.get(5)!.inline, true);
  });

  it('refuses typos, unknown types, reused numbers and cycles', () => {
    assert.throws(() => compileMessageTables({ A: 'name:1' }), /cannot parse field 'name:1'/);
    assert.throws(() => compileMessageTables({ A: 'b=1:Missing' }), /A\.b: unknown type Missing/);
    assert.throws(() => compileMessageTables({ A: 'a=1 b=1' }), /field number 1 used twice/);
    assert.throws(() => compileMessageTables({ A: 'b=1:B', B: 'a=1:A' }), /cycle A -> B -> A/);
  });

  it('compiles the real tables: every served kind has a schema', () => {
    for (const [apiVersion, kind] of [
      ['v1', 'Pod'],
      ['v1', 'Node'],
      ['v1', 'Event'],
      ['v1', 'Endpoints'],
      ['v1', 'ReplicationController'],
      ['v1', 'Binding'],
      ['apps/v1', 'ReplicaSet'],
      ['autoscaling/v1', 'Scale'],
      ['coordination.k8s.io/v1', 'Lease'],
      ['meta.k8s.io/v1', 'DeleteOptions'],
    ]) {
      assert.equal(topLevelSchemaFor(apiVersion, kind)?.name, kind, `${apiVersion} ${kind}`);
    }
    assert.equal(topLevelSchemaFor('v1', 'Deployment'), undefined);
  });
});
