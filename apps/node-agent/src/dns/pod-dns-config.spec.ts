import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '#api';
import { parseResolvConf, podResolvConf } from './pod-dns-config.js';

const host = parseResolvConf('# host\nnameserver 10.255.255.53\nsearch corp.example\noptions edns0\n');
const pod = (spec: Partial<NonNullable<Pod['spec']>>): Pod =>
  ({ metadata: { namespace: 'shop', name: 'p' }, spec: { containers: [], ...spec } }) as unknown as Pod;

describe('podResolvConf', () => {
  it('ClusterFirst: the cluster DNS, the Kubernetes search path then the host searches, ndots:5', () => {
    assert.deepEqual(podResolvConf(pod({}), '169.254.1.2', 'cluster.local', host), {
      nameservers: ['169.254.1.2'],
      searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example'],
      options: ['ndots:5'],
    });
  });

  it('Default, and ClusterFirst with hostNetwork: the host resolv.conf', () => {
    assert.deepEqual(podResolvConf(pod({ dnsPolicy: 'Default' }), '169.254.1.2', 'cluster.local', host), host);
    assert.deepEqual(podResolvConf(pod({ hostNetwork: true }), '169.254.1.2', 'cluster.local', host), host);
    const withHostNet = podResolvConf(
      pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }),
      '169.254.1.2',
      'cluster.local',
      host,
    );
    assert.deepEqual(withHostNet.nameservers, ['169.254.1.2']);
  });

  it('None takes dnsConfig alone; dnsConfig options replace same-named ones', () => {
    const dnsConfig = {
      nameservers: ['1.2.3.4'],
      searches: ['a.example'],
      options: [{ name: 'ndots', value: '2' }, { name: 'rotate' }],
    };
    assert.deepEqual(podResolvConf(pod({ dnsPolicy: 'None', dnsConfig }), '169.254.1.2', 'cluster.local', host), {
      nameservers: ['1.2.3.4'],
      searches: ['a.example'],
      options: ['ndots:2', 'rotate'],
    });
    const merged = podResolvConf(pod({ dnsConfig }), '169.254.1.2', 'cluster.local', host);
    assert.deepEqual(merged.nameservers, ['169.254.1.2', '1.2.3.4']);
    assert.deepEqual(merged.options, ['ndots:2', 'rotate']);
  });
});
