import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { namedPortService, nginxDeployment, simplePod, typeOf, type Loose } from './manifests.fixtures.js';
import { POD_UPDATE_FORBIDDEN, validateUpdate } from './validate-update.js';

const defaulted = <T extends object>(kind: string, obj: T): T => {
  applyDefaults(typeOf(kind), obj);
  return obj;
};

describe('validateUpdate', () => {
  it('allows an unchanged or scaled Deployment', () => {
    const old = defaulted('Deployment', nginxDeployment());
    const scaled = defaulted('Deployment', nginxDeployment());
    scaled.spec.replicas = 10;
    scaled.spec.template.spec.containers[0].image = 'nginx:1.16.1';
    assert.deepEqual(validateUpdate(typeOf('Deployment'), scaled, old), []);
  });

  it('refuses a changed Deployment selector as immutable', () => {
    const old = nginxDeployment();
    const next = nginxDeployment() as Loose;
    next.spec.selector = { matchLabels: { app: 'nginx', tier: 'web' } };
    next.spec.template.metadata.labels = { app: 'nginx', tier: 'web' };
    assert.deepEqual(validateUpdate(typeOf('Deployment'), next, old), [
      {
        field: 'spec.selector',
        type: 'FieldValueInvalid',
        message: 'Invalid value: {"matchLabels":{"app":"nginx","tier":"web"}}: field is immutable',
      },
    ]);
  });

  it('refuses renaming and moving objects', () => {
    const old = { metadata: { name: 'a', namespace: 'default', uid: 'u1' } };
    const errors = validateUpdate(typeOf('ConfigMap'), { metadata: { name: 'b', namespace: 'other', uid: 'u2' } }, old);
    assert.deepEqual(
      errors.map((e) => e.field),
      ['metadata.name', 'metadata.namespace', 'metadata.uid'],
    );
    assert.equal(errors[0].message, 'Invalid value: "b": field is immutable');
  });

  it('lets a Pod change its image, shorten its deadline and add tolerations only', () => {
    const old = defaulted('Pod', simplePod()) as Loose;
    old.spec.activeDeadlineSeconds = 100;
    const next = structuredClone(old);
    next.spec.containers[0].image = 'busybox:1.36';
    next.spec.activeDeadlineSeconds = 50;
    next.spec.tolerations = [{ key: 'k', operator: 'Exists' }];
    assert.deepEqual(validateUpdate(typeOf('Pod'), next, old), []);

    next.spec.containers[0].command = ['sh'];
    const errors = validateUpdate(typeOf('Pod'), next, old);
    assert.deepEqual(errors, [
      { field: 'spec', type: 'FieldValueForbidden', message: `Forbidden: ${POD_UPDATE_FORBIDDEN}` },
    ]);

    const longer = structuredClone(old);
    longer.spec.activeDeadlineSeconds = 200;
    assert.equal(
      validateUpdate(typeOf('Pod'), longer, old)[0].message,
      'Invalid value: 200: must be less than or equal to previous value',
    );
  });

  it('keeps a Service clusterIP unless it becomes an ExternalName', () => {
    const old = namedPortService() as Loose;
    old.spec.clusterIP = '10.96.0.10';
    const next = structuredClone(old);
    next.spec.clusterIP = '10.96.0.11';
    assert.deepEqual(
      validateUpdate(typeOf('Service'), next, old).map((e) => `${e.field}: ${e.message}`),
      ['spec.clusterIPs[0]: Invalid value: ["10.96.0.11"]: may not change once set'],
    );
    next.spec.clusterIP = '';
    assert.deepEqual(
      validateUpdate(typeOf('Service'), next, old).map((e) => `${e.field}: ${e.message}`),
      ['spec.clusterIPs[0]: Invalid value: []: primary clusterIP can not be unset'],
    );
    next.spec.type = 'ExternalName';
    assert.deepEqual(validateUpdate(typeOf('Service'), next, old), []);
  });

  it('freezes data of an immutable Secret or ConfigMap', () => {
    const old = { metadata: { name: 's' }, immutable: true, data: { a: 'YQ==' } };
    const errors = validateUpdate(
      typeOf('Secret'),
      { metadata: { name: 's' }, immutable: false, data: { a: 'Yg==' } },
      old,
    );
    assert.deepEqual(
      errors.map((e) => `${e.field}: ${e.message}`),
      [
        'immutable: Forbidden: field is immutable when `immutable` is set',
        'data: Forbidden: field is immutable when `immutable` is set',
      ],
    );
    assert.deepEqual(
      validateUpdate(
        typeOf('ConfigMap'),
        { metadata: { name: 's' }, data: { a: 'b' } },
        { metadata: { name: 's' }, data: { a: 'c' } },
      ),
      [],
    );
  });
});
