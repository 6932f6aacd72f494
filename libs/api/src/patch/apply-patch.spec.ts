import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors/api-error.js';
import { applyPatch } from './apply-patch.js';
import { deploymentSchema } from './patch-schema.fixtures.js';

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 1,
    template: {
      spec: {
        containers: [
          { name: 'app', image: 'nginx:1.25' },
          { name: 'log', image: 'fluent-bit' },
        ],
      },
    },
  },
});

describe('applyPatch', () => {
  // Same intent, four content types: set replicas to 3.
  const bodies: [string, unknown][] = [
    ['application/json-patch+json', [{ op: 'replace', path: '/spec/replicas', value: 3 }]],
    ['application/merge-patch+json', { spec: { replicas: 3 } }],
    ['application/strategic-merge-patch+json', { spec: { replicas: 3 } }],
    [
      'application/apply-patch+yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 3}\n',
    ],
    ['application/merge-patch+json; charset=utf-8', '{"spec":{"replicas":3}}'],
    ['Application/Strategic-Merge-Patch+JSON', Buffer.from('{"spec":{"replicas":3}}')],
  ];
  for (const [contentType, body] of bodies) {
    it(`dispatches ${contentType}`, () => {
      const target = deployment();
      const result = applyPatch(contentType, target, body, deploymentSchema) as ReturnType<typeof deployment>;
      assert.equal(result.spec.replicas, 3);
      assert.deepEqual(result.spec.template, deployment().spec.template);
      assert.deepEqual(target, deployment(), 'target unchanged');
    });
  }

  it('answers 415 for other content types, listing the accepted ones', () => {
    assert.throws(
      () => applyPatch('application/json', deployment(), {}),
      (e: unknown) =>
        e instanceof ApiError &&
        e.code === 415 &&
        e.message ===
          'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json',
    );
  });

  const malformed: [string, unknown, RegExp][] = [
    ['application/merge-patch+json', '{"spec":', /^error decoding patch: /],
    ['application/json-patch+json', 'not json', /^error decoding patch: /],
    ['application/apply-patch+yaml', 'spec: [unclosed', /^error decoding YAML: /],
    ['application/apply-patch+yaml', '- a\n- b\n', /^apply patch must be a YAML or JSON object$/],
    // An alias bomb: more aliases than the decoder allows.
    ['application/apply-patch+yaml', `a: &x [1]\nb: [${Array(200).fill('*x').join(', ')}]\n`, /^error decoding YAML: /],
    ['application/strategic-merge-patch+json', '[1]', /^strategic merge patch must be a JSON object$/],
  ];
  for (const [contentType, body, message] of malformed) {
    it(`answers 400 for a malformed ${contentType} body ${JSON.stringify(body).slice(0, 30)}`, () => {
      assert.throws(
        () => applyPatch(contentType, deployment(), body),
        (e: unknown) => e instanceof ApiError && e.code === 400 && message.test(e.message),
      );
    });
  }
});

describe('server-side apply (first version, no managedFields)', () => {
  it('merges the applied configuration: containers by name, other fields kept', () => {
    const applied = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {tier: fe}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
`;
    const result = applyPatch('application/apply-patch+yaml', deployment(), applied, deploymentSchema);
    assert.deepEqual(result, {
      ...deployment(),
      metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } },
      spec: {
        replicas: 1,
        template: {
          spec: {
            containers: [
              { name: 'app', image: 'nginx:1.27' },
              { name: 'log', image: 'fluent-bit' },
            ],
          },
        },
      },
    });
  });

  it('creates from an empty object and ignores nulls', () => {
    const result = applyPatch(
      'application/apply-patch+yaml',
      {},
      { kind: 'ConfigMap', metadata: { name: 'c', labels: null }, data: { a: '1', b: null } },
    );
    assert.deepEqual(result, { kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } });
  });

  it('refuses strategic merge directives', () => {
    assert.throws(
      () =>
        applyPatch(
          'application/apply-patch+yaml',
          deployment(),
          { spec: { template: { spec: { containers: [{ name: 'app', $patch: 'delete' }] } } } },
          deploymentSchema,
        ),
      (e: unknown) => e instanceof ApiError && e.code === 400 && /directive "\$patch"/.test(e.message),
    );
  });
});
