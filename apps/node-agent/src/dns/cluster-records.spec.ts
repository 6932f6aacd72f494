import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Endpoints, Service } from '#api';
import { clusterAnswer, Rcode, type ServiceLookup } from './cluster-records.js';

const services: Record<string, Service> = {
  'default/web': {
    metadata: { name: 'web', namespace: 'default' },
    spec: { clusterIP: '10.96.3.4', ports: [{ name: 'http', port: 80 }] },
  } as Service,
  'default/db': {
    metadata: { name: 'db', namespace: 'default' },
    spec: { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] },
  } as Service,
  'default/ext': {
    metadata: { name: 'ext', namespace: 'default' },
    spec: { type: 'ExternalName', externalName: 'db.example.org' },
  } as Service,
};
const endpoints: Record<string, Endpoints> = {
  'default/db': {
    metadata: { name: 'db', namespace: 'default' },
    subsets: [
      {
        addresses: [{ ip: '10.88.0.5', hostname: 'db-0' }, { ip: '10.88.0.6' }],
        notReadyAddresses: [{ ip: '10.88.0.7' }],
        ports: [{ name: 'pg', port: 5433 }],
      },
    ],
  } as Endpoints,
};
const lookup: ServiceLookup = {
  service: (ns, name) => services[`${ns}/${name}`],
  endpoints: (ns, name) => endpoints[`${ns}/${name}`],
};
const ask = (name: string, type = 'A') => clusterAnswer(lookup, 'cluster.local', name, type);

describe('clusterAnswer', () => {
  it('answers a service with its cluster IP, and AAAA with no data', () => {
    assert.deepEqual(ask('web.default.svc.cluster.local')?.answers, [
      { type: 'A', name: 'web.default.svc.cluster.local', data: '10.96.3.4' },
    ]);
    assert.deepEqual(ask('WEB.default.svc.cluster.local.', 'AAAA'), {
      rcode: Rcode.noError,
      answers: [],
      additionals: [],
    });
  });

  it('answers a headless service with its ready endpoints, and their hostnames', () => {
    assert.deepEqual(
      ask('db.default.svc.cluster.local')?.answers.map((a) => a.data),
      ['10.88.0.5', '10.88.0.6'],
    );
    assert.deepEqual(
      ask('db-0.db.default.svc.cluster.local')?.answers.map((a) => a.data),
      ['10.88.0.5'],
    );
    assert.equal(ask('10-88-0-7.db.default.svc.cluster.local')?.rcode, Rcode.nameError);
  });

  it('answers SRV for named ports: the service name, or every endpoint of a headless one', () => {
    const web = ask('_http._tcp.web.default.svc.cluster.local', 'SRV');
    assert.deepEqual(web?.answers[0].data, {
      priority: 0,
      weight: 100,
      port: 80,
      target: 'web.default.svc.cluster.local',
    });
    assert.deepEqual(web?.additionals, [{ type: 'A', name: 'web.default.svc.cluster.local', data: '10.96.3.4' }]);
    const db = ask('_pg._tcp.db.default.svc.cluster.local', 'SRV');
    assert.deepEqual(
      db?.answers.map((a) => a.data),
      [
        { priority: 0, weight: 100, port: 5433, target: 'db-0.db.default.svc.cluster.local' },
        { priority: 0, weight: 100, port: 5433, target: '10-88-0-6.db.default.svc.cluster.local' },
      ],
    );
    assert.equal(ask('_nope._tcp.web.default.svc.cluster.local', 'SRV')?.rcode, Rcode.nameError);
  });

  it('answers ExternalName with a CNAME and pod names with their IP', () => {
    assert.deepEqual(ask('ext.default.svc.cluster.local')?.answers, [
      { type: 'CNAME', name: 'ext.default.svc.cluster.local', data: 'db.example.org' },
    ]);
    assert.deepEqual(
      ask('10-88-1-2.default.pod.cluster.local')?.answers.map((a) => a.data),
      ['10.88.1.2'],
    );
  });

  it('says NXDOMAIN for unknown names in the domain and leaves other names alone', () => {
    assert.equal(ask('missing.default.svc.cluster.local')?.rcode, Rcode.nameError);
    assert.equal(ask('web.default.svc.cluster.local.default.svc.cluster.local')?.rcode, Rcode.nameError);
    assert.equal(ask('example.com'), undefined);
  });
});
