import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors/api-error.js';
import { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch.js';

const pod = () => ({
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', image: 'nginx:1.25' }], replicas: 1 },
});

function rejects(code: number, message?: RegExp) {
  return (e: unknown) => e instanceof ApiError && e.code === code && (!message || message.test(e.message));
}

describe('applyJsonPatch', () => {
  const cases: [string, unknown[], unknown][] = [
    [
      'replace',
      [{ op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.27' }],
      { ...pod(), spec: { ...pod().spec, containers: [{ name: 'app', image: 'nginx:1.27' }] } },
    ],
    [
      'add a label with an escaped key',
      [{ op: 'add', path: '/metadata/labels/app.kubernetes.io~1name', value: 'web' }],
      { ...pod(), metadata: { name: 'web', labels: { app: 'web', 'app.kubernetes.io/name': 'web' } } },
    ],
    [
      'append to a list',
      [{ op: 'add', path: '/spec/containers/-', value: { name: 'b' } }],
      { ...pod(), spec: { ...pod().spec, containers: [{ name: 'app', image: 'nginx:1.25' }, { name: 'b' }] } },
    ],
    ['remove', [{ op: 'remove', path: '/metadata/labels' }], { ...pod(), metadata: { name: 'web' } }],
    [
      'test then replace',
      [
        { op: 'test', path: '/spec/replicas', value: 1 },
        { op: 'replace', path: '/spec/replicas', value: 3 },
      ],
      { ...pod(), spec: { ...pod().spec, replicas: 3 } },
    ],
    [
      'move',
      [{ op: 'move', from: '/metadata/labels', path: '/metadata/annotations' }],
      { ...pod(), metadata: { name: 'web', annotations: { app: 'web' } } },
    ],
    [
      'copy',
      [{ op: 'copy', from: '/metadata/name', path: '/metadata/generateName' }],
      { ...pod(), metadata: { name: 'web', labels: { app: 'web' }, generateName: 'web' } },
    ],
    ['no operations', [], pod()],
  ];
  for (const [name, operations, expected] of cases) {
    it(`applies ${name}`, () => {
      const target = pod();
      assert.deepEqual(applyJsonPatch(target, operations), expected);
      assert.deepEqual(target, pod(), 'target unchanged');
    });
  }

  const failures: [string, unknown, number, RegExp][] = [
    [
      'a failing test',
      [
        { op: 'test', path: '/spec/replicas', value: 2 },
        { op: 'replace', path: '/spec/replicas', value: 9 },
      ],
      422,
      /operation 0 \(test "\/spec\/replicas"\) failed/,
    ],
    ['replace of a missing path', [{ op: 'replace', path: '/spec/nope', value: 1 }], 422, /does not apply/],
    ['add under a missing parent', [{ op: 'add', path: '/spec/a/b', value: 1 }], 422, /does not apply/],
    ['remove of a missing index', [{ op: 'remove', path: '/spec/containers/5' }], 422, /does not apply/],
    ['replacing the document by a scalar', [{ op: 'replace', path: '', value: 3 }], 422, /JSON object/],
    ['an unknown op', [{ op: 'frobnicate', path: '/a' }], 400, /invalid json patch operation 0/],
    ['a missing value', [{ op: 'add', path: '/a' }], 400, /invalid json patch/],
    ['a path without a leading slash', [{ op: 'add', path: 'a', value: 1 }], 400, /invalid json patch/],
    ['a body that is not an array', { op: 'add', path: '/a', value: 1 }, 400, /JSON array/],
    ['an operation that is not an object', ['add'], 400, /invalid json patch/],
    ['a __proto__ path', [{ op: 'add', path: '/__proto__/polluted', value: 'yes' }], 400, /__proto__/],
    [
      'a constructor/prototype path, which is no own field',
      [{ op: 'add', path: '/metadata/constructor/prototype/polluted', value: 'yes' }],
      422,
      /does not apply/,
    ],
  ];
  for (const [name, operations, code, message] of failures) {
    it(`rejects ${name} with ${code}`, () => {
      const target = pod();
      assert.throws(() => applyJsonPatch(target, operations), rejects(code, message));
      assert.deepEqual(target, pod(), 'nothing applied');
    });
  }

  it('leaves Object.prototype unpolluted', () => {
    assert.throws(() => applyJsonPatch({}, [{ op: 'add', path: '/__proto__/polluted', value: 'yes' }]));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses more operations than kube-apiserver allows with 413', () => {
    const operations = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({
      op: 'test',
      path: '/a',
      value: 1,
    }));
    assert.throws(
      () => applyJsonPatch({ a: 1 }, operations),
      rejects(413, /maximum operations in a JSON patch is 10000, got 10001/),
    );
  });

  it('stops copy operations that double a document', () => {
    const operations = Array.from({ length: 40 }, () => ({ op: 'copy', from: '/a', path: '/a/-' }));
    assert.throws(
      () => applyJsonPatch({ a: ['x'.repeat(1024)] }, operations),
      rejects(422, /accumulated size increase of copy/),
    );
  });

  it('returns values that do not alias the patch', () => {
    const value = { name: 'b' };
    const result = applyJsonPatch(pod(), [{ op: 'add', path: '/spec/extra', value }]) as {
      spec: { extra: { name: string } };
    };
    result.spec.extra.name = 'changed';
    assert.equal(value.name, 'b');
  });
});
