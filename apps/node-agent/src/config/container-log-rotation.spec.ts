import assert from 'node:assert/strict';
import { it } from 'node:test';
import { loadNodeAgentConfig } from './node-agent-config.js';

it("rotates Docker container logs at the kubelet's defaults, or as configured, and names a bad value", () => {
  const base = {
    KUBENEST_NODE_NAME: 'n1',
    KUBENEST_DATA_DIR: '/tmp/kubenest-config-spec',
    KUBENEST_KUBECONFIG: '/tmp/kubeconfig',
  };
  assert.deepEqual(loadNodeAgentConfig(base).containerLogs, { maxSizeBytes: 10 * 1024 * 1024, maxFiles: 5 });
  assert.deepEqual(
    loadNodeAgentConfig({ ...base, KUBENEST_CONTAINER_LOG_MAX_SIZE: '50Mi', KUBENEST_CONTAINER_LOG_MAX_FILES: '3' })
      .containerLogs,
    { maxSizeBytes: 50 * 1024 * 1024, maxFiles: 3 },
  );
  assert.throws(
    () =>
      loadNodeAgentConfig({ ...base, KUBENEST_CONTAINER_LOG_MAX_SIZE: 'big', KUBENEST_CONTAINER_LOG_MAX_FILES: '1' }),
    (e: Error) =>
      /KUBENEST_CONTAINER_LOG_MAX_SIZE must be .* not "big"/.test(e.message) &&
      /KUBENEST_CONTAINER_LOG_MAX_FILES must be .* not "1"/.test(e.message),
  );
});
