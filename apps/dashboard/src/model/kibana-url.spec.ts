import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverQuery, kibanaDiscoverUrl } from './kibana-url.js';

describe('discoverQuery', () => {
  it('ANDs the filters as field phrases with the query in parentheses', () => {
    assert.equal(
      discoverQuery({ query: 'log:error OR stream:stderr', namespace: 'default', pod: 'web-1', container: ' ' }),
      'kubernetes.namespace_name:"default" AND kubernetes.pod_name:"web-1" AND (log:error OR stream:stderr)',
    );
    assert.equal(discoverQuery({ query: ' log:timeout ' }), 'log:timeout');
    assert.equal(discoverQuery({ query: '', pod: 'a"b\\c' }), 'kubernetes.pod_name:"a\\"b\\\\c"');
  });
});

describe('kibanaDiscoverUrl', () => {
  it('opens Discover on the logs data view with the query, time range and newest first', () => {
    const url = kibanaDiscoverUrl('http://localhost:5601/', {
      query: "log:it's",
      namespace: 'default',
      sinceSeconds: 3600,
    });
    const [base, hash] = url.split('#');
    assert.equal(base, 'http://localhost:5601/app/discover');
    const params = new URLSearchParams(hash.replace(/^\/\?/, ''));
    assert.equal(params.get('_g'), '(filters:!(),refreshInterval:(pause:!t,value:0),time:(from:now-3600s,to:now))');
    assert.equal(
      params.get('_a'),
      '(columns:!(kubernetes.namespace_name,kubernetes.pod_name,kubernetes.container_name,stream,log),' +
        "filters:!(),index:kubenest-logs,interval:auto,query:(language:lucene,query:'kubernetes.namespace_name:\"default\" AND (log:it!'s)')," +
        "sort:!(!('@timestamp',desc)))",
    );
  });
});
