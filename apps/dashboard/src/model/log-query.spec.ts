import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logQueryBody, MAX_LOG_SEARCH_LINES } from './log-query.js';

describe('logQueryBody', () => {
  it('sends only the fields that are set, trimmed', () => {
    assert.deepEqual(
      logQueryBody({ query: ' stream:stderr ', namespace: 'default', pod: '', sinceSeconds: 900 }, 100),
      {
        apiVersion: 'logging.kubenest.io/v1alpha1',
        kind: 'LogQuery',
        spec: { limit: 100, query: 'stream:stderr', namespace: 'default', sinceSeconds: 900 },
      },
    );
    assert.deepEqual(logQueryBody({ query: '' }, 200).spec, { limit: 200 });
  });

  it('never asks for more lines than the API allows', () => {
    assert.equal(logQueryBody({ query: '' }, MAX_LOG_SEARCH_LINES + 100).spec.limit, MAX_LOG_SEARCH_LINES);
  });
});
