import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadLoggingConfig } from './logging-config.js';

describe('loadLoggingConfig', () => {
  const load = (env: NodeJS.ProcessEnv) => {
    const errors: string[] = [];
    return { config: loadLoggingConfig(env, '/data/node-agent/n1', errors), errors };
  };

  it('uses /var/log on a node with default dirs, the agent root when it has one, KUBENEST_LOG_DIR above both', () => {
    assert.equal(load({}).config.logDir, '/var/log');
    assert.equal(load({ KUBENEST_DATA_DIR: '/data' }).config.logDir, '/data/node-agent/n1/log');
    assert.equal(load({ KUBENEST_NODE_AGENT_ROOT: '/data/node-agent/n1' }).config.logDir, '/data/node-agent/n1/log');
    assert.equal(load({ KUBENEST_DATA_DIR: '/data', KUBENEST_LOG_DIR: '/var/log' }).config.logDir, '/var/log');
  });

  it('has Fluentd-like defaults: logstash-* daily indices, app JSON under "json", no multiline', () => {
    const { config, errors } = load({});
    assert.deepEqual(errors, []);
    assert.equal(config.indexPrefix, 'logstash');
    assert.equal(config.jsonKey, 'json');
    assert.equal(config.bufferLimitBytes, 256 * 1024 * 1024);
    assert.equal(config.multiline, undefined);
    assert.equal(config.stateDir, '/data/node-agent/n1/logging');
  });

  it('names every bad setting', () => {
    const { errors, config } = load({
      KUBENEST_LOG_BUFFER_LIMIT: 'lots',
      KUBENEST_LOG_FLUSH_SECONDS: '-1',
      KUBENEST_LOG_INDEX_PREFIX: 'Logs',
      KUBENEST_LOG_MULTILINE_START: '^(unclosed',
    });
    assert.equal(errors.length, 4, errors.join('\n'));
    assert.match(errors.join('\n'), /KUBENEST_LOG_BUFFER_LIMIT.*"lots"/);
    assert.match(errors.join('\n'), /KUBENEST_LOG_MULTILINE_START/);
    assert.ok(config.multiline);
  });
});
