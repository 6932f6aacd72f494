import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors/api-error.js';
import { parseFieldSelector } from './parse-field-selector.js';

const pod = {
  metadata: { name: 'web-1', namespace: 'shop' },
  spec: {
    nodeName: 'node-a',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    serviceAccountName: 'default',
    hostNetwork: true,
  },
  status: { phase: 'Running', podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.7' }], nominatedNodeName: '' },
};
const event = {
  metadata: { name: 'web-1.17a', namespace: 'shop' },
  involvedObject: {
    kind: 'Pod',
    namespace: 'shop',
    name: 'web-1',
    uid: 'u-1',
    apiVersion: 'v1',
    resourceVersion: '42',
    fieldPath: 'spec.containers{app}',
  },
  reason: 'Scheduled',
  reportingComponent: 'default-scheduler',
  source: { component: 'kubelet' },
  type: 'Normal',
};

function badRequest(message: string) {
  return (e: unknown) => e instanceof ApiError && e.code === 400 && e.message === message;
}

describe('parseFieldSelector', () => {
  // [kind, selector, object, matches]
  const cases: [string, string, unknown, boolean][] = [
    ['Pod', '', pod, true],
    ['pods', 'metadata.name=web-1', pod, true],
    ['pods', 'metadata.name==web-1', pod, true],
    ['pods', 'metadata.name!=web-1', pod, false],
    ['pods', 'metadata.namespace=shop,metadata.name=web-1', pod, true],
    ['pods', 'spec.nodeName=node-a', pod, true],
    ['pods', 'spec.nodeName=', pod, false],
    ['pods', 'spec.nodeName=', { metadata: { name: 'unscheduled' } }, true],
    ['pods', 'spec.nodeName!=', { metadata: { name: 'unscheduled' } }, false],
    ['pods', 'spec.restartPolicy=Always', pod, true],
    ['pods', 'spec.schedulerName=default-scheduler', pod, true],
    ['pods', 'spec.serviceAccountName=default', pod, true],
    ['pods', 'spec.hostNetwork=true', pod, true],
    ['pods', 'spec.hostNetwork=false', { metadata: {} }, true],
    ['pods', 'status.phase!=Succeeded,status.phase!=Failed', pod, true],
    ['pods', 'status.phase=Pending', pod, false],
    ['pods', 'status.podIP=10.0.0.7', pod, true],
    ['pods', 'status.podIP=10.0.0.9', { metadata: {}, status: { podIP: '10.0.0.9' } }, true],
    ['pods', 'status.nominatedNodeName=', pod, true],
    ['events', 'involvedObject.kind=Pod,involvedObject.name=web-1,involvedObject.namespace=shop', event, true],
    ['events', 'involvedObject.uid=u-1,involvedObject.apiVersion=v1,involvedObject.resourceVersion=42', event, true],
    ['events', 'involvedObject.fieldPath=spec.containers{app}', event, true],
    ['Event', 'reason=Scheduled,type=Normal,source=kubelet,reportingComponent=default-scheduler', event, true],
    ['events', 'type!=Normal', event, false],
    ['nodes', 'spec.unschedulable=false', { metadata: { name: 'n' }, spec: {} }, true],
    ['nodes', 'spec.unschedulable=true', { metadata: { name: 'n' }, spec: { unschedulable: true } }, true],
    ['namespaces', 'status.phase=Active', { metadata: { name: 'ns' }, status: { phase: 'Active' } }, true],
    [
      'secrets',
      'type=kubernetes.io/service-account-token',
      { metadata: {}, type: 'kubernetes.io/service-account-token' },
      true,
    ],
    ['replicationcontrollers', 'status.replicas=0', { metadata: {}, status: {} }, true],
    ['ReplicaSet', 'status.replicas=3', { metadata: {}, status: { replicas: 3 } }, true],
    ['deployments', 'metadata.name=web', { metadata: { name: 'web' } }, true],
    ['configmaps', 'metadata.namespace=', { metadata: { name: 'x' } }, true],
    ['configmaps', 'metadata.name=a\\,b\\=c\\\\d', { metadata: { name: 'a,b=c\\d' } }, true],
    ['configmaps', ',metadata.name=x,', { metadata: { name: 'x' } }, true],
    ['configmaps', 'metadata.name=x\\=y', { metadata: { name: 'x=y' } }, true],
  ];
  for (const [kind, text, obj, expected] of cases) {
    it(`${kind}: ${JSON.stringify(text)} ${expected ? 'matches' : 'does not match'}`, () => {
      assert.equal(parseFieldSelector(kind, text).matches(obj), expected);
    });
  }

  const invalid: [string, string, string][] = [
    ['pods', 'spec.containers=x', 'field label not supported: spec.containers'],
    ['deployments', 'spec.nodeName=a', 'field label not supported: spec.nodeName'],
    ['secrets', 'status.phase=x', 'field label not supported: status.phase'],
    ['pods', 'metadata.labels=x', 'field label not supported: metadata.labels'],
    ['pods', 'constructor=x', 'field label not supported: constructor'],
    ['pods', 'metadata.name', "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
    ['pods', 'metadata.name=a,b', "invalid selector: 'metadata.name=a,b'; can't understand 'b'"],
    ['pods', 'metadata.name=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
    ['pods', 'metadata.name=a\\', 'invalid field selector: invalid escape sequence: \\'],
    ['pods', 'metadata.name=a=b', 'invalid field selector: unescaped character in value: 61'],
  ];
  for (const [kind, text, message] of invalid) {
    it(`${kind}: rejects ${JSON.stringify(text)}`, () => {
      assert.throws(() => parseFieldSelector(kind, text), badRequest(message));
    });
  }

  it('tells the store which name and namespace a selector pins', () => {
    const selector = parseFieldSelector('pods', 'metadata.name==web-1,spec.nodeName!=x,metadata.namespace=shop');
    assert.equal(selector.requiredValue('metadata.name'), 'web-1');
    assert.equal(selector.requiredValue('metadata.namespace'), 'shop');
    assert.equal(selector.requiredValue('spec.nodeName'), undefined, '!= does not pin a value');
    assert.equal(selector.requiredValue('status.phase'), undefined);
  });

  it('renders the canonical form Kubernetes prints: sorted terms, == as =, values escaped', () => {
    assert.equal(
      parseFieldSelector('pods', 'status.phase!=Failed,metadata.name==a\\,b').toString(),
      'metadata.name=a\\,b,status.phase!=Failed',
    );
    assert.equal(parseFieldSelector('pods', '').isEmpty(), true);
    assert.equal(parseFieldSelector('pods', 'metadata.name=x').isEmpty(), false);
  });
});
