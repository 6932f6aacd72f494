import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type Docker from 'dockerode';
import { containerReason } from './container-reason.js';

type DockerState = Docker.ContainerInspectInfo['State'];

function state(overrides: Partial<DockerState>): DockerState {
  return {
    Status: 'exited',
    Running: false,
    Paused: false,
    Restarting: false,
    OOMKilled: false,
    Dead: false,
    Pid: 0,
    ExitCode: 0,
    Error: '',
    StartedAt: '2024-01-01T00:00:00Z',
    FinishedAt: '2024-01-01T00:00:01Z',
    ...overrides,
  };
}

describe('containerReason', () => {
  it('says nothing about a running or never-started container', () => {
    assert.deepEqual(containerReason(state({ Status: 'running', Running: true })), {});
    assert.deepEqual(containerReason(state({ Status: 'created' })), {});
  });

  it('maps exit codes to Completed and Error', () => {
    assert.deepEqual(containerReason(state({ ExitCode: 0 })), { reason: 'Completed' });
    assert.deepEqual(containerReason(state({ ExitCode: 3 })), { reason: 'Error' });
  });

  it('prefers OOMKilled over the exit code, and a start error over everything', () => {
    assert.deepEqual(containerReason(state({ ExitCode: 137, OOMKilled: true })), { reason: 'OOMKilled' });
    const cannotRun = containerReason(state({ Status: 'created', ExitCode: 127, Error: 'exec: "nope": not found' }));
    assert.deepEqual(cannotRun, { reason: 'ContainerCannotRun', message: 'exec: "nope": not found' });
  });
});
