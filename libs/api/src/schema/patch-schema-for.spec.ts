import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { typeOf } from '../validation/manifests.fixtures.js';
import { patchSchemaFor } from './patch-schema-for.js';

describe('patchSchemaFor', () => {
  const podSpec = patchSchemaFor(typeOf('Pod')).fields.spec.schema!.fields;
  const container = podSpec.containers.schema!.fields;

  it('merges lists by the keys Kubernetes declares', () => {
    assert.deepEqual(
      { strategy: podSpec.containers.strategy, mergeKey: podSpec.containers.mergeKey, list: podSpec.containers.list },
      { strategy: 'merge', mergeKey: 'name', list: true },
    );
    assert.equal(podSpec.initContainers.mergeKey, 'name');
    assert.equal(podSpec.volumes.strategy, 'merge,retainKeys');
    assert.equal(podSpec.imagePullSecrets.mergeKey, 'name');
    assert.equal(podSpec.hostAliases.mergeKey, 'ip');
    assert.equal(podSpec.topologySpreadConstraints.mergeKey, 'topologyKey');
    assert.equal(container.ports.mergeKey, 'containerPort');
    assert.equal(container.env.mergeKey, 'name');
    assert.equal(container.volumeMounts.mergeKey, 'mountPath');
    const status = patchSchemaFor(typeOf('Pod')).fields.status.schema!.fields;
    assert.equal(status.conditions.mergeKey, 'type');
  });

  it('replaces lists Kubernetes tags no strategy for: tolerations, node taints, args', () => {
    assert.deepEqual(podSpec.tolerations.strategy, undefined);
    assert.equal(podSpec.tolerations.list, true);
    assert.equal(container.args.strategy, undefined);
    const nodeSpec = patchSchemaFor(typeOf('Node')).fields.spec.schema!.fields;
    assert.equal(nodeSpec.taints.strategy, undefined);
    const nodeStatus = patchSchemaFor(typeOf('Node')).fields.status.schema!.fields;
    assert.equal(nodeStatus.addresses.mergeKey, 'type');
  });

  it('covers metadata, service ports, deployment strategy and maps', () => {
    const deployment = patchSchemaFor(typeOf('Deployment'));
    const meta = deployment.fields.metadata.schema!.fields;
    assert.deepEqual(meta.finalizers, { list: true, strategy: 'merge' });
    assert.equal(meta.ownerReferences.mergeKey, 'uid');
    assert.equal(meta.labels.map, true);
    assert.equal(deployment.fields.spec.schema!.fields.strategy.strategy, 'retainKeys');
    const template = deployment.fields.spec.schema!.fields.template.schema!.fields.spec.schema!.fields;
    assert.equal(template.containers.mergeKey, 'name');
    const svc = patchSchemaFor(typeOf('Service')).fields.spec.schema!.fields;
    assert.equal(svc.ports.mergeKey, 'port');
  });
});
