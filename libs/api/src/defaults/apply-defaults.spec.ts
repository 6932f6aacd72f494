import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  microserviceRc,
  namedPortService,
  nginxDeployment,
  simplePod,
  typeOf,
  type Loose,
} from '../validation/manifests.fixtures.js';
import { applyDefaults } from './apply-defaults.js';
import { imageTag } from './pod-defaults.js';

const CONTAINER_DEFAULTS = { terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' };
const POD_SPEC_DEFAULTS = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
  schedulerName: 'default-scheduler',
};

describe('applyDefaults', () => {
  it('defaults the nginx Deployment as Kubernetes does', () => {
    const d = nginxDeployment();
    applyDefaults(typeOf('Deployment'), d);
    assert.deepEqual(d.spec, {
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.14.2',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              imagePullPolicy: 'IfNotPresent',
              ...CONTAINER_DEFAULTS,
            },
          ],
          ...POD_SPEC_DEFAULTS,
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  });

  it('defaults a Pod, including the Pod-only fields templates do not get', () => {
    const pod = simplePod() as Loose;
    pod.spec.containers[0].resources = { limits: { cpu: '500m' }, requests: { memory: '1Gi' } };
    pod.spec.containers[0].livenessProbe = { httpGet: { port: 8080 } };
    pod.spec.volumes = [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'c' } }];
    applyDefaults(typeOf('Pod'), pod);
    const c = pod.spec.containers[0];
    assert.equal(c.imagePullPolicy, 'Always', 'no tag means :latest');
    assert.deepEqual(c.resources.requests, { memory: '1Gi', cpu: '500m' });
    assert.deepEqual(c.livenessProbe, {
      httpGet: { port: 8080, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    assert.equal(pod.spec.enableServiceLinks, true);
    assert.deepEqual(pod.spec.volumes, [
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } },
    ]);

    const d = nginxDeployment() as Loose;
    applyDefaults(typeOf('Deployment'), d);
    assert.equal(d.spec.template.spec.enableServiceLinks, undefined);
  });

  it('gives a ReplicationController its selector and labels from the template', () => {
    const rc = microserviceRc() as Loose;
    applyDefaults(typeOf('ReplicationController'), rc);
    assert.deepEqual(rc.spec.selector, { app: 'microservice1', tier: 'backend' });
    assert.deepEqual(rc.metadata.labels, { app: 'microservice1', tier: 'backend' });
    assert.equal(rc.spec.replicas, 5);
    assert.equal(rc.spec.template.spec.containers[0].imagePullPolicy, 'Always');
    assert.equal(rc.spec.template.spec.containers[0].env[0].valueFrom.fieldRef.apiVersion, 'v1');
  });

  it('defaults a Service: type, affinity, protocol, targetPort, traffic policies and IP family', () => {
    const svc = namedPortService() as Loose;
    applyDefaults(typeOf('Service'), svc);
    assert.deepEqual(svc.spec.ports, [
      { name: 'http', port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP' },
      { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 9090 },
    ]);
    assert.equal(svc.spec.sessionAffinity, 'None');
    assert.equal(svc.spec.externalTrafficPolicy, 'Cluster');
    assert.equal(svc.spec.internalTrafficPolicy, 'Cluster');
    assert.equal(svc.spec.ipFamilyPolicy, 'SingleStack');
    assert.deepEqual(svc.spec.ipFamilies, ['IPv4']);
    const plain = { metadata: { name: 'x' }, spec: { ports: [{ port: 53, protocol: 'UDP' }] } } as Loose;
    applyDefaults(typeOf('Service'), plain);
    assert.equal(plain.spec.type, 'ClusterIP');
    assert.equal(plain.spec.externalTrafficPolicy, undefined);
  });

  it('defaults Secret type, Namespace phase and name label, Node allocatable, ReplicaSet replicas', () => {
    const secret = { metadata: { name: 's' } } as Loose;
    applyDefaults(typeOf('Secret'), secret);
    assert.equal(secret.type, 'Opaque');
    const ns = { metadata: { name: 'team-a' } } as Loose;
    applyDefaults(typeOf('Namespace'), ns);
    assert.equal(ns.spec, undefined, 'the finalizer is added on create by the registry, not by defaulting');
    assert.deepEqual(ns.status, { phase: 'Active' });
    assert.equal(ns.metadata.labels['kubernetes.io/metadata.name'], 'team-a');
    const node = { metadata: { name: 'n' }, status: { capacity: { cpu: '2' } } } as Loose;
    applyDefaults(typeOf('Node'), node);
    assert.deepEqual(node.status.allocatable, { cpu: '2' });
    const rs = { metadata: { name: 'r' }, spec: { selector: {} } } as Loose;
    applyDefaults(typeOf('ReplicaSet'), rs);
    assert.equal(rs.spec.replicas, 1);
    const event = { metadata: { name: 'e' } };
    applyDefaults(typeOf('Event'), event);
    assert.deepEqual(event, { metadata: { name: 'e' } });
  });
});

describe('imageTag', () => {
  it('reads tags as parsers.ParseImageName does', () => {
    assert.equal(imageTag('nginx'), 'latest');
    assert.equal(imageTag('nginx:1.14.2'), '1.14.2');
    assert.equal(imageTag('localhost:5000/app'), 'latest');
    assert.equal(imageTag('localhost:5000/app:v2'), 'v2');
    assert.equal(imageTag('busybox@sha256:abc'), undefined);
  });
});
