import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { EndpointSlice, Endpoints, KubeObject, Pod } from '#api';
import { createApiClient, type ApiClient } from '#client';
import { kubectlAsync, kubectlPath, startTestApiserver, type TestApiserver } from '#testing';
import { startTestController } from '../../testing/start-test-controller.js';
import { endpointSliceController } from '../endpoint-slice/index.js';
import { endpointsController } from './index.js';
import { ENDPOINT_SLICES, ENDPOINTS, PODS, SERVICES } from './endpoints-resources.js';

/**
 * The endpoints and EndpointSlice controllers in-process against a real apiserver and Redis.
 * No node agent runs: pods get their IP and readiness through the status subresource, as a
 * kubelet would write them.
 */
const DEADLINE_MS = 30_000;

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) assert.fail(`${what}; last seen: ${JSON.stringify(last)}`);
    await sleep(100);
    last = await read();
  }
  return last;
}

function pod(name: string, labels: Record<string, string>, ports: { name: string; containerPort: number }[] = []): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { nodeName: 'node-a', containers: [{ name: 'app', image: 'pause', ports }] },
  } as Pod;
}

describe(
  'endpoints and EndpointSlice controllers (real apiserver, Redis, kubectl)',
  { skip: !kubectlPath && 'no kubectl' },
  () => {
    let api: TestApiserver;
    let client: ApiClient;
    const stops: (() => Promise<void>)[] = [];

    const setStatus = async (name: string, ip: string, ready: boolean) => {
      await client.patch(
        PODS,
        'default',
        name,
        {
          status: {
            phase: 'Running',
            podIP: ip,
            podIPs: [{ ip }],
            conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
          },
        },
        'merge',
        { subresource: 'status' },
      );
    };
    const endpoints = (name: string) => client.get<Endpoints>(ENDPOINTS, 'default', name);
    const slices = async (service: string) =>
      (
        await client.list<EndpointSlice>(ENDPOINT_SLICES, {
          namespace: 'default',
          labelSelector: `kubernetes.io/service-name=${service}`,
        })
      ).items;
    const service = (name: string, spec: Record<string, unknown>) =>
      client.create(SERVICES, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace: 'default' },
        spec,
      } as KubeObject);

    before(async () => {
      api = await startTestApiserver();
      client = createApiClient({ server: api.url, caPem: api.caPem, token: api.token });
      stops.push(await startTestController(api, endpointsController));
      stops.push(await startTestController(api, endpointSliceController));
    });
    after(async () => {
      for (const stop of stops) await stop();
      client?.close();
      await api?.stop();
    });

    it('follows pod readiness in Endpoints and EndpointSlices, resolving named target ports per pod', async () => {
      await client.create(PODS, pod('web-1', { app: 'web' }, [{ name: 'http', containerPort: 8080 }]));
      await client.create(PODS, pod('web-2', { app: 'web' }, [{ name: 'http', containerPort: 9090 }]));
      // No container port named "http": left out of the Endpoints, and nothing crashes.
      await client.create(PODS, pod('web-3', { app: 'web' }, [{ name: 'other', containerPort: 7070 }]));
      await service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
      await setStatus('web-1', '10.88.0.11', true);
      await setStatus('web-2', '10.88.0.12', false);
      await setStatus('web-3', '10.88.0.13', true);

      const ep = await eventually(
        () => endpoints('web'),
        (e) => (e?.subsets?.length ?? 0) === 2,
        'Endpoints with one subset per resolved port',
      );
      assert.deepEqual(
        ep!.subsets!.map((s) => ({
          ready: (s.addresses ?? []).map((a) => `${a.ip}@${a.nodeName}/${a.targetRef?.name}`),
          notReady: (s.notReadyAddresses ?? []).map((a) => a.ip),
          ports: s.ports,
        })),
        [
          { ready: ['10.88.0.11@node-a/web-1'], notReady: [], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
          { ready: [], notReady: ['10.88.0.12'], ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] },
        ],
      );
      assert.equal(ep!.metadata.labels?.['endpoints.kubernetes.io/managed-by'], 'endpoint-controller');
      assert.ok(ep!.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']);

      const webSlices = await eventually(
        () => slices('web'),
        (s) => s.length === 2,
        'two slices, one per port set',
      );
      for (const slice of webSlices) {
        assert.equal(
          slice.metadata.labels?.['endpointslice.kubernetes.io/managed-by'],
          'endpointslice-controller.k8s.io',
        );
        assert.equal(slice.metadata.ownerReferences?.[0]?.kind, 'Service');
        assert.equal(slice.addressType, 'IPv4');
      }
      const conditions = webSlices.flatMap((s) =>
        s.endpoints.map((e) => `${e.addresses[0]}:${s.ports?.[0]?.port}:${e.conditions?.ready}`),
      );
      assert.deepEqual(conditions.sort(), ['10.88.0.11:8080:true', '10.88.0.12:9090:false']);

      await setStatus('web-2', '10.88.0.12', true);
      await eventually(
        () => endpoints('web'),
        (e) =>
          (e?.subsets ?? []).every((s) => (s.notReadyAddresses ?? []).length === 0 && (s.addresses ?? []).length === 1),
        'web-2 becomes a ready address',
      );

      const described = await kubectlAsync(api.kubeconfigPath, ['describe', 'svc', 'web']);
      assert.match(described.stdout, /Endpoints:\s+10\.88\.0\.11:8080,10\.88\.0\.12:9090/);
      const table = await kubectlAsync(api.kubeconfigPath, ['get', 'endpointslices']);
      assert.match(table.stdout, /^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE/);
      assert.match(table.stdout, /web-\d\s+IPv4\s+8080\s+10\.88\.0\.11/);
    });

    it('drops terminating pods from Endpoints and flags them in slices', async () => {
      await client.create(PODS, pod('term-1', { app: 'term' }));
      await client.create(PODS, pod('term-2', { app: 'term' }));
      await service('term', { selector: { app: 'term' }, ports: [{ port: 80, targetPort: 8080 }] });
      await setStatus('term-1', '10.88.1.1', true);
      await setStatus('term-2', '10.88.1.2', true);
      await eventually(
        () => endpoints('term'),
        (e) => e?.subsets?.[0]?.addresses?.length === 2,
        'both ready',
      );
      // Bound to a node, the pod waits for its node agent: it stays, terminating.
      await client.delete(PODS, 'default', 'term-2');
      await eventually(
        () => endpoints('term'),
        (e) => e?.subsets?.[0]?.addresses?.length === 1,
        'terminating pod dropped',
      );
      const [slice] = await eventually(
        () => slices('term'),
        (s) => s[0]?.endpoints.some((e) => e.conditions?.terminating === true) ?? false,
        'terminating flagged',
      );
      const flagged = slice!.endpoints.find((e) => e.addresses[0] === '10.88.1.2')!;
      assert.deepEqual(flagged.conditions, { ready: false, serving: true, terminating: true });
    });

    it('a selector matching nothing gives empty Endpoints; a changed selector switches them; selectorless is left alone', async () => {
      await service('nobody', { selector: { app: 'nobody' }, ports: [{ port: 80 }] });
      const empty = await eventually(
        () => endpoints('nobody'),
        (e) => e !== undefined,
        'Endpoints exist',
      );
      assert.equal(empty!.subsets, undefined);
      const [placeholder] = await eventually(
        () => slices('nobody'),
        (s) => s.length === 1,
        'one placeholder slice',
      );
      assert.deepEqual(placeholder!.endpoints, []);

      await client.patch(SERVICES, 'default', 'nobody', { spec: { selector: { app: 'web' } } }, 'merge');
      await eventually(
        () => endpoints('nobody'),
        (e) => (e?.subsets ?? []).flatMap((s) => s.addresses ?? []).length === 3, // a numeric targetPort needs no container port: all three
        'switched to the web pods',
      );

      await service('manual', { ports: [{ port: 80 }] });
      await client.create(ENDPOINTS, {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'manual', namespace: 'default' },
        subsets: [{ addresses: [{ ip: '192.0.2.10' }], ports: [{ port: 80 }] }],
      } as KubeObject);
      await client.patch(SERVICES, 'default', 'manual', { metadata: { labels: { touched: 'yes' } } }, 'merge');
      await sleep(1000);
      const manual = await endpoints('manual');
      assert.deepEqual(manual!.subsets, [
        { addresses: [{ ip: '192.0.2.10' }], ports: [{ port: 80, protocol: 'TCP' }] },
      ]);
      assert.deepEqual(await slices('manual'), []);
    });

    it('deletes the Endpoints and slices with their Service', async () => {
      await client.delete(SERVICES, 'default', 'web');
      await eventually(
        () => endpoints('web'),
        (e) => e === undefined,
        'Endpoints deleted',
      );
      await eventually(
        () => slices('web'),
        (s) => s.length === 0,
        'slices deleted',
      );
    });

    it('kubectl expose deployment: the Service and its Endpoints', async () => {
      const created = await kubectlAsync(api.kubeconfigPath, [
        'create',
        'deployment',
        'exp',
        '--image=pause',
        '--port=3000',
      ]);
      assert.equal(created.status, 0, created.stderr);
      const exposed = await kubectlAsync(api.kubeconfigPath, [
        'expose',
        'deployment',
        'exp',
        '--port=80',
        '--target-port=3000',
        '--type=NodePort',
      ]);
      assert.equal(exposed.status, 0, exposed.stderr);
      await client.create(PODS, pod('exp-manual', { app: 'exp' }));
      await setStatus('exp-manual', '10.88.2.1', true);
      const ep = await eventually(
        () => endpoints('exp'),
        (e) => e?.subsets?.[0]?.addresses?.length === 1,
        'exposed endpoints',
      );
      assert.deepEqual(ep!.subsets![0]!.ports, [{ port: 3000, protocol: 'TCP' }]);
      const svc = await kubectlAsync(api.kubeconfigPath, [
        'get',
        'svc',
        'exp',
        '-o',
        'jsonpath={.spec.type} {.spec.ports[0].nodePort}',
      ]);
      assert.match(svc.stdout, /^NodePort 3\d{4}$/);
    });
  },
);
