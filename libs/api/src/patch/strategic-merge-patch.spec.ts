import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { ApiError } from '../errors/api-error.js';
import type { JsonObject } from './json-value.js';
import type { PatchSchema } from './patch-schema.js';
import { deploymentSchema, mergeItemSchema, nodeSchema, podSchema, serviceSchema } from './patch-schema.fixtures.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

interface Case {
  name: string;
  schema: PatchSchema;
  original: string;
  patch: string;
  result: string;
}

/** Freezes a whole document, so any write by the patch engine throws in strict mode. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function yaml(text: string): JsonObject {
  return (parse(text) ?? {}) as JsonObject;
}

function runCases(cases: Case[]) {
  for (const c of cases) {
    it(c.name, () => {
      const original = deepFreeze(yaml(c.original));
      const patch = deepFreeze(yaml(c.patch));
      assert.deepEqual(applyStrategicMergePatch(original, patch, c.schema), yaml(c.result));
    });
  }
}

// Expected results from Kubernetes' strategicpatch tests (patch_test.go), same inputs.
describe('strategic merge patch: Kubernetes semantics', () => {
  const m = mergeItemSchema;
  runCases([
    {
      name: 'merges maps and deletes keys set to null',
      schema: m,
      original: 'simpleMap: {a: "1", b: "2"}\nname: x',
      patch: 'simpleMap: {a: null, c: "3"}',
      result: 'simpleMap: {b: "2", c: "3"}\nname: x',
    },
    {
      name: 'unique scalars when merging lists',
      schema: m,
      original: 'mergingIntList: [1, 2]',
      patch: 'mergingIntList: [2, 3]',
      result: 'mergingIntList: [1, 2, 3]',
    },
    {
      name: 'replaces a list without merge strategy',
      schema: m,
      original: 'nonMergingIntList: [1, 2]',
      patch: 'nonMergingIntList: [3]',
      result: 'nonMergingIntList: [3]',
    },
    {
      name: 'delete map from nested map',
      schema: m,
      original: 'simpleMap: {key1: "1", key2: "1"}',
      patch: 'simpleMap: {$patch: delete}',
      result: 'simpleMap: {}',
    },
    {
      name: '$patch: delete on an absent map adds nothing',
      schema: m,
      original: 'name: a',
      patch: 'simpleMap: {$patch: delete}',
      result: 'name: a',
    },
    {
      name: 'delete all items from merging list',
      schema: m,
      original: 'mergingList: [{name: "1"}, {name: "2"}]',
      patch: 'mergingList: [{$patch: replace}]',
      result: 'mergingList: []',
    },
    {
      name: 'replace merging list',
      schema: m,
      original: 'mergingList: [{name: "1", value: a}, {name: "2"}]',
      patch: 'mergingList: [{name: "3", value: null, other: c}, {$patch: replace}]',
      result: 'mergingList: [{name: "3", other: c}]',
    },
    {
      name: 'merge empty merging lists',
      schema: m,
      original: 'mergingList: []',
      patch: 'mergingList: []',
      result: 'mergingList: []',
    },
    {
      name: 'an empty patch list leaves a merging list alone',
      schema: m,
      original: 'mergingList: [{name: "1"}]',
      patch: 'mergingList: []',
      result: 'mergingList: [{name: "1"}]',
    },
    {
      name: 'delete all keys from map',
      schema: m,
      original: 'name: "1"\nvalue: "1"',
      patch: '$patch: replace',
      result: '{}',
    },
    {
      name: 'add key and delete all keys from map',
      schema: m,
      original: 'name: "1"\nvalue: "1"',
      patch: 'other: a\n$patch: replace',
      result: 'other: a',
    },
    {
      name: '$patch: merge on a map is the default merge',
      schema: m,
      original: 'simpleMap: {a: "1"}',
      patch: 'simpleMap: {$patch: merge, b: "2"}',
      result: 'simpleMap: {a: "1", b: "2"}',
    },
    {
      name: 'delete all duplicate entries in a merging list',
      schema: m,
      original: 'mergingList: [{name: "1"}, {name: "1"}, {name: "2", value: a}, {name: "3"}, {name: "3"}]',
      patch: 'mergingList: [{name: "1", $patch: delete}, {name: "3", $patch: delete}]',
      result: 'mergingList: [{name: "2", value: a}]',
    },
    {
      name: 'preserve the order from the patch in a merging list',
      schema: m,
      original: 'mergingList: [{name: "1"}, {name: "2", value: b}, {name: "3"}]',
      patch: 'mergingList: [{name: "3", value: c}, {name: "1", value: a}, {name: "2", other: x}]',
      result: 'mergingList: [{name: "3", value: c}, {name: "1", value: a}, {name: "2", value: b, other: x}]',
    },
    {
      name: 'preserve the order from the patch in a merging list 2',
      schema: m,
      original: 'mergingList: [{name: "1"}, {name: "2", value: b}, {name: "3"}]',
      patch: 'mergingList: [{name: "3", value: c}, {name: "1", value: a}]',
      result: 'mergingList: [{name: "2", value: b}, {name: "3", value: c}, {name: "1", value: a}]',
    },
    {
      name: 'preserve the order from the patch in a merging int list',
      schema: m,
      original: 'mergingIntList: [1, 2, 3]',
      patch: 'mergingIntList: [3, 1, 2]',
      result: 'mergingIntList: [3, 1, 2]',
    },
    {
      name: 'a new element without $setElementOrder goes first, as in Kubernetes',
      schema: m,
      original: 'mergingList: [{name: "1"}, {name: "2"}]',
      patch: 'mergingList: [{name: "3", value: c}]',
      result: 'mergingList: [{name: "3", value: c}, {name: "1"}, {name: "2"}]',
    },
    {
      name: 'merge lists of maps with $setElementOrder',
      schema: m,
      original: 'mergingList: [{name: "1", other: a}, {name: "2", value: "2", other: b}]',
      patch:
        '$setElementOrder/mergingList: [{name: "4"}, {name: "1"}, {name: "2"}, {name: "3"}]\nmergingList: [{name: "4", value: "4"}, {name: "3", value: "3"}]',
      result:
        'mergingList: [{name: "4", value: "4"}, {name: "1", other: a}, {name: "2", value: "2", other: b}, {name: "3", value: "3"}]',
    },
    {
      name: 'set elements order in a list with server-only items',
      schema: m,
      original:
        'mergingList: [{name: "1", other: a}, {name: "3", value: "3"}, {name: "4", value: "4"}, {name: "2", value: "2"}, {name: "9"}]',
      patch: '$setElementOrder/mergingList: [{name: "4"}, {name: "2"}, {name: "3"}, {name: "1"}]',
      result:
        'mergingList: [{name: "4", value: "4"}, {name: "2", value: "2"}, {name: "3", value: "3"}, {name: "1", other: a}, {name: "9"}]',
    },
    {
      name: 'set elements order in a list with server-only items 2',
      schema: m,
      original:
        'mergingList: [{name: "1", other: a}, {name: "2", value: "2"}, {name: "9"}, {name: "3", value: "3"}, {name: "4", value: "4"}]',
      patch: '$setElementOrder/mergingList: [{name: "2"}, {name: "1"}, {name: "4"}, {name: "3"}]',
      result:
        'mergingList: [{name: "2", value: "2"}, {name: "1", other: a}, {name: "9"}, {name: "4", value: "4"}, {name: "3", value: "3"}]',
    },
    {
      name: 'set elements order in a list with server-only items 3',
      schema: m,
      original:
        'mergingList: [{name: "1", other: a}, {name: "2", value: "2"}, {name: "7"}, {name: "9"}, {name: "8"}, {name: "3", value: "3"}, {name: "4", value: "4"}]',
      patch: '$setElementOrder/mergingList: [{name: "2"}, {name: "1"}, {name: "4"}, {name: "3"}]',
      result:
        'mergingList: [{name: "2", value: "2"}, {name: "1", other: a}, {name: "7"}, {name: "9"}, {name: "8"}, {name: "4", value: "4"}, {name: "3", value: "3"}]',
    },
    {
      name: 'set elements order in a int list with server-only items',
      schema: m,
      original: 'mergingIntList: [1, 3, 4, 2, 9]',
      patch: '$setElementOrder/mergingIntList: [4, 2, 3, 1]',
      result: 'mergingIntList: [4, 2, 3, 1, 9]',
    },
    {
      name: 'add and delete an item in a int list and preserve order',
      schema: m,
      original: 'mergingIntList: [1, 2, 3]',
      patch:
        '$setElementOrder/mergingIntList: [4, 1, 3]\nmergingIntList: [4]\n$deleteFromPrimitiveList/mergingIntList: [2]',
      result: 'mergingIntList: [4, 1, 3]',
    },
    {
      name: 'delete items in lists of scalars',
      schema: m,
      original: 'mergingIntList: [1, 2, 3]',
      patch: '$deleteFromPrimitiveList/mergingIntList: [1, 2]',
      result: 'mergingIntList: [3]',
    },
    {
      name: '$deleteFromPrimitiveList of a missing item changes nothing',
      schema: m,
      original: 'mergingIntList: [1]',
      patch: '$deleteFromPrimitiveList/mergingIntList: [5]',
      result: 'mergingIntList: [1]',
    },
    {
      name: '$deleteFromPrimitiveList on a missing list adds no list',
      schema: m,
      original: 'name: a',
      patch: '$deleteFromPrimitiveList/mergingIntList: [5]',
      result: 'name: a',
    },
    {
      name: '$deleteFromPrimitiveList works on a list without merge strategy',
      schema: m,
      original: 'nonMergingIntList: [1, 2, 2]',
      patch: '$deleteFromPrimitiveList/nonMergingIntList: [2]',
      result: 'nonMergingIntList: [1]',
    },
    {
      name: 'retainKeys map clears keys not listed',
      schema: m,
      original: 'retainKeysMap: {name: foo, value: a, other: b}',
      patch: 'retainKeysMap: {$retainKeys: [name, value], value: c}',
      result: 'retainKeysMap: {name: foo, value: c}',
    },
    {
      name: 'retainKeys list of maps clears a field',
      schema: m,
      original: 'retainKeysMergingList: [{name: bar}, {name: foo, value: a, other: b}]',
      patch: 'retainKeysMergingList: [{name: foo, $retainKeys: [name, value]}]',
      result: 'retainKeysMergingList: [{name: bar}, {name: foo, value: a}]',
    },
    {
      name: 'retainKeys with a null for a cleared key',
      schema: m,
      original: 'retainKeysMap: {name: foo, value: a}',
      patch: 'retainKeysMap: {$retainKeys: [name], value: null}',
      result: 'retainKeysMap: {name: foo}',
    },
    {
      name: 'a replace-strategy object is replaced whole',
      schema: m,
      original: 'replacingItem: {a: 1, b: 2}',
      patch: 'replacingItem: {c: 3}',
      result: 'replacingItem: {c: 3}',
    },
    {
      name: 'a value of another type is replaced',
      schema: m,
      original: 'name: {a: 1}\nvalue: [1]',
      patch: 'name: x\nvalue: {b: 1, c: null}',
      result: 'name: x\nvalue: {b: 1}',
    },
    {
      name: 'new content is cleaned of nulls and directives',
      schema: m,
      original: 'name: a',
      patch:
        'mergeItemPtr: {name: p, value: null, mergingList: [{name: "1", value: null}, {name: "2", $patch: delete}], $setElementOrder/mergingList: [{name: "1"}]}',
      result: 'name: a\nmergeItemPtr: {name: p, mergingList: [{name: "1"}]}',
    },
    {
      name: 'fields unknown to the schema merge as objects and replace as lists',
      schema: m,
      original: 'extra: {a: 1, list: [1, 2]}',
      patch: 'extra: {b: 2, list: [3]}',
      result: 'extra: {a: 1, b: 2, list: [3]}',
    },
  ]);
});

describe('strategic merge patch: what kubectl sends', () => {
  const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
  annotations: {deployment.kubernetes.io/revision: "3"}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: app
        image: nginx:1.25
        env:
        - {name: A, value: "1"}
        - {name: B, value: "2"}
        - {name: C, value: "3"}
        ports: [{containerPort: 80, protocol: TCP}]
      - name: sidecar
        image: busybox
`;
  runCases([
    {
      // kubectl apply after removing env B and changing the image: a 3-way patch with
      // $setElementOrder for every merging list it touches and a delete directive.
      name: 'kubectl apply: 3-way patch removing an env var',
      schema: deploymentSchema,
      original: deployment,
      patch: `
spec:
  template:
    spec:
      $setElementOrder/containers: [{name: app}, {name: sidecar}]
      containers:
      - name: app
        image: nginx:1.27
        $setElementOrder/env: [{name: A}, {name: C}]
        env:
        - {$patch: delete, name: B}
`,
      result: deployment.replace('nginx:1.25', 'nginx:1.27').replace('        - {name: B, value: "2"}\n', ''),
    },
    {
      name: 'kubectl apply: adding a container at the end, ordered by $setElementOrder',
      schema: deploymentSchema,
      original: deployment,
      patch: `
spec:
  template:
    spec:
      $setElementOrder/containers: [{name: app}, {name: sidecar}, {name: logger}]
      containers: [{name: logger, image: fluent-bit}]
`,
      result: deployment.replace(
        '        image: busybox\n',
        '        image: busybox\n      - name: logger\n        image: fluent-bit\n',
      ),
    },
    {
      name: 'kubectl set image deployment/web app=nginx:1.27',
      schema: deploymentSchema,
      original: deployment,
      patch: '{"spec":{"template":{"spec":{"containers":[{"image":"nginx:1.27","name":"app"}]}}}}',
      result: deployment.replace('nginx:1.25', 'nginx:1.27'),
    },
    {
      name: 'kubectl rollout restart',
      schema: deploymentSchema,
      original: deployment,
      patch:
        '{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2024-05-01T10:00:00Z"}}}}}',
      result: deployment.replace(
        'metadata: {labels: {app: web}}',
        'metadata: {labels: {app: web}, annotations: {kubectl.kubernetes.io/restartedAt: "2024-05-01T10:00:00Z"}}',
      ),
    },
    {
      name: 'kubectl patch: $patch: delete on a container',
      schema: deploymentSchema,
      original: deployment,
      patch: '{"spec":{"template":{"spec":{"containers":[{"$patch":"delete","name":"sidecar"}]}}}}',
      result: deployment.replace('      - name: sidecar\n        image: busybox\n', ''),
    },
    {
      name: 'kubectl apply: $retainKeys switches the strategy from RollingUpdate to Recreate',
      schema: deploymentSchema,
      original: deployment,
      patch: '{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"}}}',
      result: deployment.replace(
        '    type: RollingUpdate\n    rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}',
        '    type: Recreate',
      ),
    },
    {
      name: 'kubectl scale / label --overwrite / annotate with null',
      schema: deploymentSchema,
      original: deployment,
      patch:
        '{"metadata":{"labels":{"tier":"fe"},"annotations":{"deployment.kubernetes.io/revision":null}},"spec":{"replicas":5}}',
      result: deployment
        .replace(
          'labels: {app: web}\n  annotations: {deployment.kubernetes.io/revision: "3"}',
          'labels: {app: web, tier: fe}\n  annotations: {}',
        )
        .replace('replicas: 2', 'replicas: 5'),
    },
    {
      name: 'env var merged by name, new ports merged by containerPort',
      schema: podSchema,
      original: 'spec: {containers: [{name: app, env: [{name: A, value: "1"}], ports: [{containerPort: 80}]}]}',
      patch:
        'spec: {containers: [{name: app, env: [{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}}, value: null}], ports: [{containerPort: 443}]}]}',
      result:
        'spec: {containers: [{name: app, env: [{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}}}], ports: [{containerPort: 443}, {containerPort: 80}]}]}',
    },
    {
      name: 'pod finalizers merge as a set; tolerations are replaced',
      schema: podSchema,
      original: 'metadata: {finalizers: [a, b]}\nspec: {tolerations: [{key: x, operator: Exists}]}',
      patch: 'metadata: {finalizers: [b, c]}\nspec: {tolerations: [{key: y, operator: Exists}]}',
      result: 'metadata: {finalizers: [a, b, c]}\nspec: {tolerations: [{key: y, operator: Exists}]}',
    },
    {
      name: 'pod status conditions merge by type (kubelet status patch)',
      schema: podSchema,
      original:
        'status: {phase: Pending, conditions: [{type: PodScheduled, status: "True"}, {type: Ready, status: "False"}]}',
      patch:
        '{"status":{"$setElementOrder/conditions":[{"type":"PodScheduled"},{"type":"Ready"}],"conditions":[{"type":"Ready","status":"True"}],"phase":"Running"}}',
      result:
        'status: {phase: Running, conditions: [{type: PodScheduled, status: "True"}, {type: Ready, status: "True"}]}',
    },
    {
      name: 'service ports merge by port; selector is a map',
      schema: serviceSchema,
      original:
        'spec: {selector: {app: web, tier: fe}, ports: [{port: 80, targetPort: 8080}, {port: 443, targetPort: 8443}]}',
      patch: 'spec: {selector: {tier: null}, ports: [{port: 80, targetPort: 9090}]}',
      result: 'spec: {selector: {app: web}, ports: [{port: 80, targetPort: 9090}, {port: 443, targetPort: 8443}]}',
    },
    {
      name: 'node: scalar field set, taints replaced, podCIDRs merged as a set (new values first)',
      schema: nodeSchema,
      original: 'spec: {podCIDRs: [10.0.0.0/24], taints: [{key: a, effect: NoSchedule}]}',
      patch: 'spec: {unschedulable: true, taints: [{key: b, effect: NoExecute}], podCIDRs: [fd00::/64]}',
      result: 'spec: {podCIDRs: [fd00::/64, 10.0.0.0/24], taints: [{key: b, effect: NoExecute}], unschedulable: true}',
    },
  ]);
});

describe('strategic merge patch: errors', () => {
  const cases: [string, PatchSchema, string, string, number, RegExp][] = [
    [
      'a merge list element without its merge key',
      deploymentSchema,
      'spec: {template: {spec: {containers: [{name: a}]}}}',
      'spec: {template: {spec: {containers: [{image: x}]}}}',
      400,
      /does not contain declared merge key: name/,
    ],
    [
      'an unknown directive',
      mergeItemSchema,
      'simpleMap: {}',
      'simpleMap: {$patch: explode}',
      400,
      /^unknown patch type: explode in map/,
    ],
    [
      'an unknown directive in a list',
      mergeItemSchema,
      'mergingList: [{name: "1"}]',
      'mergingList: [{name: "1", $patch: explode}]',
      400,
      /^unknown patch type: explode/,
    ],
    [
      '$patch: merge in a list',
      mergeItemSchema,
      'mergingList: [{name: "1"}]',
      'mergingList: [{$patch: merge}]',
      400,
      /^merging lists cannot yet be specified in the patch$/,
    ],
    [
      'a key outside $retainKeys',
      mergeItemSchema,
      'retainKeysMap: {name: a}',
      'retainKeysMap: {$retainKeys: [name], value: b}',
      400,
      /^invalid patch format of retainKeys$/,
    ],
    [
      '$retainKeys that is not a list',
      mergeItemSchema,
      'retainKeysMap: {name: a}',
      'retainKeysMap: {$retainKeys: name}',
      400,
      /^invalid patch format of retainKeys$/,
    ],
    [
      'a patch list out of $setElementOrder order',
      mergeItemSchema,
      'mergingList: [{name: "1"}]',
      '$setElementOrder/mergingList: [{name: "1"}, {name: "2"}]\nmergingList: [{name: "2"}, {name: "1"}]',
      400,
      /doesn't match \$setElementOrder list/,
    ],
    [
      'a patch element missing from $setElementOrder',
      mergeItemSchema,
      'mergingList: []',
      '$setElementOrder/mergingList: [{name: "1"}]\nmergingList: [{name: "3"}]',
      400,
      /doesn't match \$setElementOrder list/,
    ],
    [
      'a malformed $setElementOrder key',
      mergeItemSchema,
      'name: a',
      '$setElementOrderX/mergingList: []',
      400,
      /^invalid patch format of setElementOrder list$/,
    ],
    [
      'a malformed $deleteFromPrimitiveList key',
      mergeItemSchema,
      'name: a',
      '$deleteFromPrimitiveList: [a]',
      400,
      /^invalid patch format of primitive list$/,
    ],
    [
      'lists of lists',
      mergeItemSchema,
      'mergingIntList: [[1]]',
      'mergingIntList: [[2]]',
      422,
      /^lists of lists are not supported/,
    ],
    [
      'mixed element types',
      mergeItemSchema,
      'mergingIntList: [1]',
      'mergingIntList: ["1"]',
      400,
      /^list element types are not identical in mergingIntList$/,
    ],
    [
      'a merge list of objects without a merge key in the schema',
      { fields: { l: { list: true, strategy: 'merge' } } },
      'l: [{a: 1}]',
      'l: [{a: 2}]',
      400,
      /^cannot merge lists without merge key for l$/,
    ],
    [
      'an object as merge key value',
      mergeItemSchema,
      'mergingList: [{name: "1"}]',
      'mergingList: [{name: {x: 1}}]',
      400,
      /merge key name must have a scalar value/,
    ],
  ];
  for (const [name, schema, original, patch, code, message] of cases) {
    it(`rejects ${name}`, () => {
      assert.throws(
        () => applyStrategicMergePatch(yaml(original), yaml(patch), schema),
        (e: unknown) => e instanceof ApiError && e.code === code && message.test(e.message),
      );
    });
  }

  it('rejects a patch that is not an object', () => {
    for (const patch of [[], 'x', null, 3]) {
      assert.throws(
        () => applyStrategicMergePatch({}, patch),
        (e: unknown) => e instanceof ApiError && e.code === 400,
      );
    }
  });
});

describe('strategic merge patch: hostile input', () => {
  it('refuses __proto__ keys and leaves Object.prototype alone', () => {
    const patch = JSON.parse('{"metadata":{"labels":{"__proto__":{"polluted":"yes"}}}}') as unknown;
    assert.throws(
      () => applyStrategicMergePatch({ metadata: {} }, patch, podSchema),
      (e: unknown) => e instanceof ApiError && e.code === 400,
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('does not look up schema fields through the prototype chain', () => {
    const result = applyStrategicMergePatch(
      { constructor: [1], toString: { a: 1 } },
      { constructor: [2], toString: { b: 2 } },
      podSchema,
    );
    assert.deepEqual(result, { constructor: [2], toString: { a: 1, b: 2 } });
  });

  it('refuses excessive nesting with a 400, not a stack overflow', () => {
    let patch: unknown = {};
    for (let i = 0; i < 10000; i++) patch = { a: patch };
    assert.throws(
      () => applyStrategicMergePatch({}, patch),
      (e: unknown) => e instanceof ApiError && e.code === 400 && /nesting/.test(e.message),
    );
  });

  it('merges lists of 50,000 elements by key in linear time', () => {
    const n = 50000;
    const live = { mergingList: Array.from({ length: n }, (_, i) => ({ name: `n${i}`, value: 'old' })) };
    const patch = { mergingList: Array.from({ length: n }, (_, i) => ({ name: `n${n - 1 - i}`, value: 'new' })) };
    const started = Date.now();
    const result = applyStrategicMergePatch(live, patch, mergeItemSchema) as {
      mergingList: { name: string; value: string }[];
    };
    assert.ok(Date.now() - started < 2000, 'took too long');
    assert.equal(result.mergingList.length, n);
    assert.deepEqual(result.mergingList[0], { name: `n${n - 1}`, value: 'new' });
    assert.equal(live.mergingList[0].value, 'old');
  });

  it('returns content that does not alias the patch', () => {
    const patch = { simpleMap: { a: 'x' }, nonMergingList: [{ name: 'n' }] };
    const result = applyStrategicMergePatch({}, patch, mergeItemSchema) as typeof patch;
    result.simpleMap.a = 'changed';
    result.nonMergingList[0].name = 'changed';
    assert.deepEqual(patch, { simpleMap: { a: 'x' }, nonMergingList: [{ name: 'n' }] });
  });
});
