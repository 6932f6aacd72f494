// The DTOs behind '#api' use decorator metadata; load the polyfill before importing them.
import 'reflect-metadata';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RESOURCES, type KubeObject, type ResourceType } from '#api';
import {
  formatEndpoints,
  formatLabelSelector,
  humanDuration,
  nodeStatus,
  summarisePod,
  toTable,
  WatchTableEncoder,
  type PodLike,
} from './index.js';

const NOW = new Date('2026-01-10T12:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
const typeOf = (kind: string) => BUILTIN_RESOURCES.find((t) => t.kind === kind) as ResourceType;

const running = (name: string, extra: object = {}) => ({
  name,
  ready: true,
  restartCount: 0,
  state: { running: { startedAt: ago(600) } },
  ...extra,
});
function pod(
  status: PodLike['status'],
  spec: PodLike['spec'] = { containers: [{ name: 'app' }] },
  meta: Partial<PodLike['metadata']> = {},
): PodLike {
  return { metadata: { name: 'web-1', creationTimestamp: ago(3600), ...meta }, spec, status };
}

describe('humanDuration', () => {
  const cases: [number, string][] = [
    [-5, '<invalid>'],
    [-1.5, '0s'],
    [0, '0s'],
    [5, '5s'],
    [119, '119s'],
    [120, '2m'],
    [182, '3m2s'],
    [600, '10m'],
    [179 * 60, '179m'],
    [3 * 3600, '3h'],
    [4 * 3600 + 30 * 60, '4h30m'],
    [20 * 3600, '20h'],
    [47 * 3600, '47h'],
    [2 * 86400 + 3 * 3600, '2d3h'],
    [3 * 86400, '3d'],
    [30 * 86400, '30d'],
    [729 * 86400, '729d'],
    [(2 * 365 + 100) * 86400, '2y100d'],
    [9 * 365 * 86400, '9y'],
  ];
  for (const [seconds, text] of cases) {
    it(`${seconds}s reads "${text}"`, () => assert.equal(humanDuration(seconds * 1000), text));
  }
});

describe('pod STATUS, READY and RESTARTS', () => {
  it('running and ready', () => {
    const s = summarisePod(
      pod({ phase: 'Running', containerStatuses: [running('app')], conditions: [{ type: 'Ready', status: 'True' }] }),
      NOW,
    );
    assert.deepEqual(s, { ready: '1/1', status: 'Running', restarts: '0' });
  });

  it('CrashLoopBackOff with restarts and when the last one was', () => {
    const s = summarisePod(
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(300) } },
          },
        ],
      }),
      NOW,
    );
    assert.deepEqual(s, { ready: '0/1', status: 'CrashLoopBackOff', restarts: '3 (5m ago)' });
  });

  it('init containers in progress show Init:x/y', () => {
    const s = summarisePod(
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'migrate', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            { name: 'warm', state: { running: {} } },
          ],
          containerStatuses: [{ name: 'app', state: { waiting: { reason: 'PodInitializing' } } }],
        },
        { initContainers: [{ name: 'migrate' }, { name: 'warm' }], containers: [{ name: 'app' }] },
      ),
      NOW,
    );
    assert.equal(s.status, 'Init:1/2');
    assert.equal(s.ready, '0/1');
  });

  it('a failing init container shows Init:<reason>', () => {
    const s = summarisePod(
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'migrate', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          ],
        },
        { initContainers: [{ name: 'migrate' }], containers: [{ name: 'app' }] },
      ),
      NOW,
    );
    assert.equal(s.status, 'Init:CrashLoopBackOff');
    assert.equal(s.restarts, '2');
  });

  it('sidecars count as containers and do not block initialisation', () => {
    const s = summarisePod(
      pod(
        {
          phase: 'Running',
          initContainerStatuses: [running('proxy', { started: true })],
          containerStatuses: [running('app')],
          conditions: [{ type: 'Initialized', status: 'True' }],
        },
        { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }], containers: [{ name: 'app' }] },
      ),
      NOW,
    );
    assert.deepEqual(s, { ready: '2/2', status: 'Running', restarts: '0' });
  });

  it('a pod being deleted is Terminating', () => {
    const s = summarisePod(
      pod({ phase: 'Running', containerStatuses: [running('app')] }, undefined, { deletionTimestamp: ago(2) }),
      NOW,
    );
    assert.equal(s.status, 'Terminating');
  });

  it('a finished pod reads Completed, with a row condition', () => {
    const done = pod({
      phase: 'Succeeded',
      containerStatuses: [{ name: 'app', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
    });
    assert.deepEqual(summarisePod(done, NOW), { ready: '0/1', status: 'Completed', restarts: '0' });
    const table = toTable(typeOf('Pod'), [done as KubeObject], { includeObject: 'None', now: NOW });
    assert.equal(table.rows[0]!.conditions?.[0]?.type, 'Completed');
  });

  it('a container killed without a reason shows its exit code', () => {
    const s = summarisePod(
      pod({ phase: 'Failed', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 137 } } }] }),
      NOW,
    );
    assert.equal(s.status, 'ExitCode:137');
  });
});

describe('toTable', () => {
  const web = pod(
    { phase: 'Running', podIP: '10.1.0.7', containerStatuses: [running('app')] },
    { nodeName: 'node-a', containers: [{ name: 'app' }] },
  ) as KubeObject;

  it("prints pods with kubectl's columns, wide ones at priority 1", () => {
    const table = toTable(typeOf('Pod'), [web], {
      includeObject: 'Metadata',
      now: NOW,
      listMeta: { resourceVersion: '42' },
    });
    assert.equal(table.kind, 'Table');
    assert.equal(table.apiVersion, 'meta.k8s.io/v1');
    assert.deepEqual(table.metadata, { resourceVersion: '42' });
    assert.deepEqual(
      table.columnDefinitions!.map((c) => `${c.name}:${c.priority}`),
      [
        'Name:0',
        'Ready:0',
        'Status:0',
        'Restarts:0',
        'Age:0',
        'IP:1',
        'Node:1',
        'Nominated Node:1',
        'Readiness Gates:1',
      ],
    );
    assert.deepEqual(table.rows[0]!.cells, [
      'web-1',
      '1/1',
      'Running',
      '0',
      '60m',
      '10.1.0.7',
      'node-a',
      '<none>',
      '<none>',
    ]);
    assert.equal((table.rows[0]!.object as { kind: string }).kind, 'PartialObjectMetadata');
  });

  it('honours includeObject', () => {
    assert.equal(toTable(typeOf('Pod'), [web], { includeObject: 'Object', now: NOW }).rows[0]!.object, web);
    assert.equal('object' in toTable(typeOf('Pod'), [web], { includeObject: 'None', now: NOW }).rows[0]!, false);
  });

  it('prints deployments, services and nodes like kubectl', () => {
    const deploy = {
      metadata: { name: 'api', creationTimestamp: ago(7200) },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'api' } },
        template: { spec: { containers: [{ name: 'api', image: 'api:1' }] } },
      },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    assert.deepEqual(
      toTable(typeOf('Deployment'), [deploy as KubeObject], { includeObject: 'None', now: NOW }).rows[0]!.cells,
      ['api', '2/3', 3, 2, '120m', 'api', 'api:1', 'app=api'],
    );
    const svc = {
      metadata: { name: 'api', creationTimestamp: ago(30) },
      spec: {
        type: 'NodePort',
        clusterIPs: ['10.96.0.10'],
        ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
        selector: { app: 'api' },
      },
    };
    assert.deepEqual(
      toTable(typeOf('Service'), [svc as KubeObject], { includeObject: 'None', now: NOW }).rows[0]!.cells,
      ['api', 'NodePort', '10.96.0.10', '<none>', '80:30080/TCP', '30s', 'app=api'],
    );
    const node = {
      metadata: { name: 'n1', labels: { 'node-role.kubernetes.io/control-plane': '' } },
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    assert.equal(nodeStatus(node), 'Ready,SchedulingDisabled');
    assert.deepEqual(
      toTable(typeOf('Node'), [node as KubeObject], { includeObject: 'None', now: NOW }).rows[0]!.cells.slice(0, 4),
      ['n1', 'Ready,SchedulingDisabled', 'control-plane', '<unknown>'],
    );
  });

  it('prints events with LAST SEEN, TYPE, REASON, OBJECT, MESSAGE first', () => {
    const ev = {
      metadata: { name: 'web.1' },
      involvedObject: { kind: 'Pod', name: 'web' },
      reason: 'Pulled',
      message: 'pulled',
      type: 'Normal',
      count: 2,
      firstTimestamp: ago(300),
      lastTimestamp: ago(60),
    };
    const table = toTable(typeOf('Event'), [ev as KubeObject], { includeObject: 'None', now: NOW });
    assert.deepEqual(
      table.columnDefinitions!.filter((c) => c.priority === 0).map((c) => c.name),
      ['Last Seen', 'Type', 'Reason', 'Object', 'Message'],
    );
    assert.deepEqual(table.rows[0]!.cells.slice(0, 4), ['60s', 'Normal', 'Pulled', 'pod/web']);
  });

  it('falls back to NAME and AGE, and prints leases, configmaps and secrets', () => {
    const other: ResourceType = { ...typeOf('Pod'), group: 'example.com', kind: 'Widget' };
    assert.deepEqual(
      toTable(other, [{ metadata: { name: 'w', creationTimestamp: ago(5) } }], { includeObject: 'None', now: NOW })
        .rows[0]!.cells,
      ['w', '5s'],
    );
    assert.deepEqual(
      toTable(
        typeOf('Lease'),
        [{ metadata: { name: 'l', creationTimestamp: ago(5) }, spec: { holderIdentity: 'cm-1' } }],
        { includeObject: 'None', now: NOW },
      ).rows[0]!.cells,
      ['l', 'cm-1', '5s'],
    );
    assert.deepEqual(
      toTable(typeOf('ConfigMap'), [{ metadata: { name: 'c', creationTimestamp: ago(5) }, data: { a: '1', b: '2' } }], {
        includeObject: 'None',
        now: NOW,
      }).rows[0]!.cells,
      ['c', 2, '5s'],
    );
    assert.deepEqual(
      toTable(
        typeOf('Secret'),
        [{ metadata: { name: 's', creationTimestamp: ago(5) }, type: 'Opaque', data: { a: 'eA==' } }],
        { includeObject: 'None', now: NOW },
      ).rows[0]!.cells,
      ['s', 'Opaque', 1, '5s'],
    );
  });

  it('formats selectors and endpoints as kubectl does', () => {
    assert.equal(
      formatLabelSelector({
        matchLabels: { tier: 'web' },
        matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }],
      }),
      'env in (dev,prod),tier=web',
    );
    assert.equal(formatLabelSelector(undefined), '<none>');
    const ep = {
      metadata: {},
      subsets: [
        {
          addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }, { ip: '10.0.0.4' }],
          ports: [{ port: 80 }],
        },
      ],
    };
    assert.equal(formatEndpoints(ep), '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...');
    assert.equal(formatEndpoints({ metadata: {} }), '<none>');
  });
});

describe('WatchTableEncoder', () => {
  it('sends column definitions on the first event only and passes errors through', () => {
    const encoder = new WatchTableEncoder(typeOf('ConfigMap'), 'Metadata');
    const cm = (rv: string) => ({ metadata: { name: 'c', resourceVersion: rv, creationTimestamp: ago(5) } });
    const first = encoder.encode({ type: 'ADDED', object: cm('1') }, NOW).object as {
      columnDefinitions: unknown;
      rows: unknown[];
      metadata: object;
    };
    const second = encoder.encode({ type: 'MODIFIED', object: cm('2') }, NOW).object as {
      columnDefinitions: unknown;
      rows: unknown[];
      metadata: object;
    };
    assert.ok(Array.isArray(first.columnDefinitions));
    assert.equal(second.columnDefinitions, null);
    assert.equal(second.rows.length, 1);
    assert.deepEqual(second.metadata, { resourceVersion: '2' });
    const status = { kind: 'Status', metadata: {}, code: 410 } as unknown as KubeObject;
    assert.equal(encoder.encode({ type: 'ERROR', object: status }, NOW).object, status);
  });
});
