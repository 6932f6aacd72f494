import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod, Service } from '#api';
import { desiredSlices } from '../endpoint-slice/desired-slices.js';
import { endpointSubsets } from './endpoint-subsets.js';

function pod(
  name: string,
  ip: string | undefined,
  opts: { ready?: boolean; http?: number; deleting?: boolean } = {},
): Pod {
  return {
    metadata: {
      name,
      namespace: 'ns',
      uid: `uid-${name}`,
      labels: { app: 'a' },
      ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: {
      nodeName: 'n1',
      containers: [{ name: 'c', image: 'i', ports: opts.http ? [{ name: 'http', containerPort: opts.http }] : [] }],
    },
    status: {
      ...(ip ? { podIP: ip } : {}),
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }],
    },
  } as Pod;
}

const svc = (spec: Service['spec']): Service => ({ metadata: { name: 's', namespace: 'ns' }, spec }) as Service;

describe('endpointSubsets', () => {
  it('resolves a named target port per pod and leaves out a pod without it', () => {
    const subsets = endpointSubsets(
      svc({ selector: { app: 'a' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] }),
      [
        pod('p1', '10.0.0.1', { http: 8080 }),
        pod('p2', '10.0.0.2', { http: 8080, ready: false }),
        pod('p3', '10.0.0.3'),
        pod('p4', undefined, { http: 8080 }),
      ],
    );
    assert.deepEqual(subsets, [
      {
        addresses: [
          { ip: '10.0.0.1', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'p1', uid: 'uid-p1' } },
        ],
        notReadyAddresses: [
          { ip: '10.0.0.2', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'p2', uid: 'uid-p2' } },
        ],
        ports: [{ name: 'web', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('drops terminating pods unless publishNotReadyAddresses, which also counts everyone ready', () => {
    const pods = [
      pod('p1', '10.0.0.1'),
      pod('p2', '10.0.0.2', { deleting: true }),
      pod('p3', '10.0.0.3', { ready: false }),
    ];
    const plain = endpointSubsets(svc({ ports: [{ port: 80, targetPort: 80 }] }), pods);
    assert.deepEqual(
      plain[0]!.addresses!.map((a) => a.ip),
      ['10.0.0.1'],
    );
    assert.deepEqual(
      plain[0]!.notReadyAddresses!.map((a) => a.ip),
      ['10.0.0.3'],
    );
    const published = endpointSubsets(
      svc({ publishNotReadyAddresses: true, ports: [{ port: 80, targetPort: 80 }] }),
      pods,
    );
    assert.deepEqual(
      published[0]!.addresses!.map((a) => a.ip),
      ['10.0.0.1', '10.0.0.2', '10.0.0.3'],
    );
    assert.equal(published[0]!.notReadyAddresses, undefined);
  });

  it('is empty for no pods', () => {
    assert.deepEqual(endpointSubsets(svc({ ports: [{ port: 80 }] }), []), []);
  });
});

describe('desiredSlices', () => {
  it('flags conditions and splits at the per-slice maximum', () => {
    const pods = [
      pod('p1', '10.0.0.1'),
      pod('p2', '10.0.0.2', { deleting: true }),
      pod('p3', '10.0.0.3', { ready: false }),
    ];
    const slices = desiredSlices(svc({ ports: [{ name: 'x', port: 80, targetPort: 8080 }] }), pods, 2);
    assert.equal(slices.length, 2);
    assert.deepEqual(slices[0]!.ports, [{ name: 'x', port: 8080, protocol: 'TCP' }]);
    assert.deepEqual(
      slices.flatMap((s) => s.endpoints.map((e) => [e.addresses[0], e.conditions])),
      [
        ['10.0.0.1', { ready: true, serving: true, terminating: false }],
        ['10.0.0.2', { ready: false, serving: true, terminating: true }],
        ['10.0.0.3', { ready: false, serving: false, terminating: false }],
      ],
    );
  });

  it('keeps one empty placeholder slice when nothing is selected', () => {
    assert.deepEqual(desiredSlices(svc({ ports: [{ port: 80 }] }), []), [{ ports: [], endpoints: [] }]);
  });
});
