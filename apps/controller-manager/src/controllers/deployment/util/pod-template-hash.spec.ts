import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeDeployment } from '../testing/fake-deployment.js';
import { podTemplateHash } from './pod-template-hash.js';

describe('podTemplateHash', () => {
  const template = fakeDeployment().spec!.template;

  it('is stable across key order and uses only the safe alphabet', () => {
    const reordered = { spec: template.spec, metadata: template.metadata };
    assert.equal(podTemplateHash(reordered), podTemplateHash(template));
    assert.match(podTemplateHash(template), /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });

  it('changes with the template and with collisionCount', () => {
    const other = fakeDeployment({ image: 'web:2.0' }).spec!.template;
    assert.notEqual(podTemplateHash(other), podTemplateHash(template));
    assert.notEqual(podTemplateHash(template, 1), podTemplateHash(template));
    assert.notEqual(podTemplateHash(template, 1), podTemplateHash(template, 2));
  });
});
