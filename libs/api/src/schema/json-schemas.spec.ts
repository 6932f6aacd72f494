import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RESOURCES } from '../resources/builtin-resources.js';
import { QUANTITY_REGEX_TEXT } from '../quantity/quantity.js';
import { jsonSchemasForOpenApi } from './json-schemas.js';
import type { Loose } from '../validation/manifests.fixtures.js';

type Schema = { [k: string]: Loose };

describe('jsonSchemasForOpenApi', () => {
  const defs = jsonSchemasForOpenApi() as Record<string, Schema>;

  it('has a GVK-tagged definition, and a list, for every built-in kind', () => {
    for (const t of BUILTIN_RESOURCES) {
      const prefix = t.group === '' ? 'io.k8s.api.core.v1' : `io.k8s.api.${t.group.split('.')[0]}.${t.version}`;
      const def = defs[`${prefix}.${t.kind}`];
      assert.ok(def, `${prefix}.${t.kind}`);
      assert.deepEqual(def['x-kubernetes-group-version-kind'], [{ group: t.group, version: t.version, kind: t.kind }]);
      assert.ok(def.description, `${t.kind} has a description`);
      assert.deepEqual(defs[`${prefix}.${t.kind}List`]['x-kubernetes-group-version-kind'][0].kind, t.listKind);
    }
  });

  it('resolves every $ref to a definition', () => {
    const refs = JSON.stringify(defs).match(/"\$ref":"[^"]+"/g) ?? [];
    assert.ok(refs.length > 50);
    for (const r of refs) {
      const name = r.slice('"$ref":"#/definitions/'.length, -1);
      assert.ok(defs[name], `dangling ${r}`);
    }
  });

  it('carries patch keys, int-or-string, quantities, formats and descriptions', () => {
    const podSpec = defs['io.k8s.api.core.v1.PodSpec'];
    assert.deepEqual(podSpec.required, ['containers']);
    assert.equal(podSpec.properties.containers['x-kubernetes-patch-merge-key'], 'name');
    assert.equal(podSpec.properties.containers['x-kubernetes-patch-strategy'], 'merge');
    assert.deepEqual(podSpec.properties.containers.items, { $ref: '#/definitions/io.k8s.api.core.v1.Container' });
    assert.equal(podSpec.properties.volumes['x-kubernetes-patch-strategy'], 'merge,retainKeys');
    assert.equal(podSpec.properties.terminationGracePeriodSeconds.format, 'int64');
    assert.deepEqual(podSpec.properties.restartPolicy.enum, ['Always', 'OnFailure', 'Never']);
    const rolling = defs['io.k8s.api.apps.v1.RollingUpdateDeployment'].properties;
    assert.equal(rolling.maxSurge['x-kubernetes-int-or-string'], true);
    const limits = defs['io.k8s.api.core.v1.ResourceRequirements'].properties.limits;
    assert.deepEqual(limits.additionalProperties, {
      type: 'string',
      pattern: QUANTITY_REGEX_TEXT,
      'x-kubernetes-int-or-string': true,
    });
    const meta = defs['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties;
    assert.deepEqual(meta.labels.additionalProperties, { type: 'string' });
    assert.equal(meta.creationTimestamp.format, 'date-time');
    assert.ok(defs['io.k8s.api.apps.v1.DeploymentSpec'].properties.replicas.description);
    assert.ok(defs['io.k8s.api.coordination.v1.Lease']);
  });

  it('is plain JSON', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(defs)), defs);
  });
});
