import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { nginxDeployment, microserviceRc, type Loose } from '../validation/manifests.fixtures.js';
import { BUILTIN_RESOURCES } from '../resources/builtin-resources.js';
import { DeploymentDto } from './apps/deployment.dto.js';
import { ReplicationControllerDto } from './core/replication-controller.dto.js';
import { dtoFor } from './kind-dtos.js';

describe('DTOs', () => {
  it('exist for every built-in kind', () => {
    for (const t of BUILTIN_RESOURCES) assert.equal(typeof dtoFor(t), 'function', t.kind);
    assert.throws(() => dtoFor({ group: 'batch', version: 'v1', kind: 'Job' }), /no DTO registered for batch\/v1\/Job/);
  });

  it('are genuine class-validator DTOs: plainToInstance + validateSync accept real manifests', () => {
    assert.deepEqual(validateSync(plainToInstance(DeploymentDto, nginxDeployment())), []);
    assert.deepEqual(validateSync(plainToInstance(ReplicationControllerDto, microserviceRc())), []);
  });

  it('and reject bad nested values through class-validator as well', () => {
    const bad = nginxDeployment() as Loose;
    bad.spec.template.spec.containers[0].ports[0].protocol = 'HTTP';
    const errors = validateSync(plainToInstance(DeploymentDto, bad));
    assert.equal(errors.length, 1);
    assert.equal(errors[0].property, 'spec');
  });
});
