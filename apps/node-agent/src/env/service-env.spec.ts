import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from '#api';
import { serviceEnv } from './service-env.js';

const service = (namespace: string, name: string, spec: Service['spec']): Service =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec }) as Service;

describe('serviceEnv', () => {
  const services = [
    service('default', 'kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443 }] }),
    service('shop', 'redis-primary', {
      clusterIP: '10.0.0.11',
      ports: [
        { name: 'redis', port: 6379 },
        { name: 'metrics', port: 9121, protocol: 'UDP' },
      ],
    }),
    service('shop', 'headless', { clusterIP: 'None', ports: [{ port: 80 }] }),
    service('other', 'elsewhere', { clusterIP: '10.0.0.12', ports: [{ port: 80 }] }),
  ];

  it("writes the kubelet's variables for services of the pod's namespace and the master service", () => {
    const env = serviceEnv(services, 'shop', true);
    assert.deepEqual(Object.fromEntries(env), {
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      KUBERNETES_SERVICE_PORT_HTTPS: '443',
      KUBERNETES_PORT: 'tcp://10.96.0.1:443',
      KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
      KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
      KUBERNETES_PORT_443_TCP_PORT: '443',
      KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
      REDIS_PRIMARY_SERVICE_HOST: '10.0.0.11',
      REDIS_PRIMARY_SERVICE_PORT: '6379',
      REDIS_PRIMARY_SERVICE_PORT_REDIS: '6379',
      REDIS_PRIMARY_SERVICE_PORT_METRICS: '9121',
      REDIS_PRIMARY_PORT: 'tcp://10.0.0.11:6379',
      REDIS_PRIMARY_PORT_6379_TCP: 'tcp://10.0.0.11:6379',
      REDIS_PRIMARY_PORT_6379_TCP_PROTO: 'tcp',
      REDIS_PRIMARY_PORT_6379_TCP_PORT: '6379',
      REDIS_PRIMARY_PORT_6379_TCP_ADDR: '10.0.0.11',
      REDIS_PRIMARY_PORT_9121_UDP: 'udp://10.0.0.11:9121',
      REDIS_PRIMARY_PORT_9121_UDP_PROTO: 'udp',
      REDIS_PRIMARY_PORT_9121_UDP_PORT: '9121',
      REDIS_PRIMARY_PORT_9121_UDP_ADDR: '10.0.0.11',
    });
  });

  it('keeps only the master service with enableServiceLinks: false', () => {
    const names = [...serviceEnv(services, 'shop', false).keys()];
    assert.ok(names.length > 0);
    assert.ok(
      names.every((name) => name.startsWith('KUBERNETES_')),
      names.join(' '),
    );
  });
});
