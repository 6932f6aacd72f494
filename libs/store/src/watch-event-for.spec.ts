import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChangeRecord, type ChangeType } from './change-record.js';
import { watchEventFor } from './watch-event-for.js';

function change(type: ChangeType, app: string, previousApp?: string): ChangeRecord {
  const obj = (a: string) => JSON.stringify({ metadata: { name: 'p', namespace: 'ns', labels: { app: a } } });
  return new ChangeRecord(
    7,
    type,
    'pods',
    'ns',
    'p',
    obj(app),
    previousApp === undefined ? undefined : obj(previousApp),
  );
}

const web = {
  resource: 'pods',
  predicate: (o: { metadata: { labels?: Record<string, string> } }) => o.metadata.labels?.app === 'web',
};

describe('watchEventFor', () => {
  it('applies Kubernetes transitions for a filtered MODIFIED', () => {
    assert.equal(watchEventFor(change('MODIFIED', 'web', 'db'), web)?.type, 'ADDED');
    assert.equal(watchEventFor(change('MODIFIED', 'web', 'web'), web)?.type, 'MODIFIED');
    const stopped = watchEventFor(change('MODIFIED', 'db', 'web'), web);
    assert.equal(stopped?.type, 'DELETED');
    assert.equal(stopped?.object.metadata.labels?.app, 'web', 'the last matching state');
    assert.equal(stopped?.object.metadata.resourceVersion, '7', 'at the change resourceVersion');
    assert.equal(watchEventFor(change('MODIFIED', 'db', 'db'), web), undefined);
  });

  it('filters ADDED and DELETED on the object, and scopes by resource and namespace', () => {
    assert.equal(watchEventFor(change('DELETED', 'db'), web), undefined);
    assert.equal(watchEventFor(change('ADDED', 'web'), web)?.type, 'ADDED');
    assert.equal(watchEventFor(change('ADDED', 'web'), { resource: 'services' }), undefined);
    assert.equal(watchEventFor(change('ADDED', 'web'), { namespace: 'other' }), undefined);
    assert.equal(watchEventFor(change('ADDED', 'web'), {})?.type, 'ADDED');
  });
});
