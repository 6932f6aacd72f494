import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { kubectl, kubectlPath, startTestApiserver, type TestApiserver } from '#testing';

interface Svc {
  metadata: { name: string };
  spec: {
    type: string;
    clusterIP: string;
    clusterIPs?: string[];
    ipFamilies?: string[];
    ipFamilyPolicy?: string;
    sessionAffinity?: string;
    sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
    internalTrafficPolicy?: string;
    externalTrafficPolicy?: string;
    ports: { name?: string; port: number; targetPort: number | string; nodePort?: number; protocol: string }[];
  };
}

const RANGE = '10.100.0.0/24';
const NODE_PORTS = '30000-30049';
// Addresses and ports the tests ask for lie in each range's static band (its lowest 16 values),
// which dynamic allocation takes only once the rest is full, as Kubernetes advises for fixed
// values; asked for in the dynamic band, they could be the one a random pick already took.

function service(name: string, spec: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });
}

describe(
  'Service cluster IP and node port allocation (real apiserver, kubectl)',
  { skip: !kubectlPath && 'kubectl is not installed' },
  () => {
    let api: TestApiserver;
    const k = (...args: string[]) => kubectl(api.kubeconfigPath, args);
    const apply = (json: string) => kubectl(api.kubeconfigPath, ['create', '-f', '-'], json);
    const created = (json: string) => {
      const out = apply(json);
      assert.equal(out.status, 0, out.stderr);
    };
    const get = (name: string): Svc => {
      const out = k('get', 'svc', name, '-o', 'json');
      assert.equal(out.status, 0, out.stderr);
      return JSON.parse(out.stdout) as Svc;
    };

    before(async () => {
      api = await startTestApiserver({
        KUBENEST_SERVICE_CLUSTER_IP_RANGE: RANGE,
        KUBENEST_SERVICE_NODE_PORT_RANGE: NODE_PORTS,
      });
    });
    after(async () => api?.stop());

    it('keeps default/kubernetes: first address of the range, 443 -> the secure port, and its Endpoints', () => {
      const svc = get('kubernetes');
      assert.equal(svc.spec.clusterIP, '10.100.0.1');
      const port = new URL(api.url).port;
      assert.deepEqual(svc.spec.ports, [{ name: 'https', protocol: 'TCP', port: 443, targetPort: Number(port) }]);
      const ep = JSON.parse(k('get', 'endpoints', 'kubernetes', '-o', 'json').stdout);
      assert.deepEqual(ep.subsets, [
        { addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port: Number(port), protocol: 'TCP' }] },
      ]);
    });

    it('kubectl create service clusterip: an address from the range and Kubernetes defaults', () => {
      const out = k('create', 'service', 'clusterip', 'web', '--tcp=80:8080');
      assert.equal(out.status, 0, out.stderr);
      const svc = get('web');
      assert.match(svc.spec.clusterIP, /^10\.100\.0\.\d+$/);
      assert.notEqual(svc.spec.clusterIP, '10.100.0.1');
      assert.deepEqual(svc.spec.clusterIPs, [svc.spec.clusterIP]);
      assert.deepEqual(svc.spec.ipFamilies, ['IPv4']);
      assert.equal(svc.spec.ipFamilyPolicy, 'SingleStack');
      assert.equal(svc.spec.sessionAffinity, 'None');
      assert.equal(svc.spec.internalTrafficPolicy, 'Cluster');
      assert.deepEqual(svc.spec.ports, [{ name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP' }]);
      const table = k('get', 'svc', 'web');
      assert.match(table.stdout, /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE/);
      assert.match(
        table.stdout,
        new RegExp(`web\\s+ClusterIP\\s+${svc.spec.clusterIP.replace(/\./g, '\\.')}\\s+<none>\\s+80/TCP`),
      );
    });

    it('a requested address is given when free and in range; taken or out of range is a 422 worded like Kubernetes', () => {
      created(service('fixed', { clusterIP: '10.100.0.10', ports: [{ port: 80 }] }));
      assert.equal(get('fixed').spec.clusterIP, '10.100.0.10');
      const taken = apply(service('fixed2', { clusterIP: '10.100.0.10', ports: [{ port: 80 }] }));
      assert.notEqual(taken.status, 0);
      assert.match(
        taken.stderr,
        /The Service "fixed2" is invalid: spec\.clusterIPs: Invalid value: \["10\.100\.0\.10"\]: failed to allocate IP 10\.100\.0\.10: provided IP is already allocated/,
      );
      const outside = apply(service('outside', { clusterIP: '10.200.0.5', ports: [{ port: 80 }] }));
      assert.match(
        outside.stderr,
        /failed to allocate IP 10\.200\.0\.5: the provided IP \(10\.200\.0\.5\) is not in the valid range\. The range of valid IPs is 10\.100\.0\.0\/24/,
      );
      assert.notEqual(k('get', 'svc', 'fixed2').status, 0, 'a refused Service is not stored');
    });

    it('headless Services allocate nothing; clusterIP may not change once set', () => {
      created(service('headless', { clusterIP: 'None', selector: { app: 'x' }, ports: [{ port: 80 }] }));
      assert.equal(get('headless').spec.clusterIP, 'None');
      const changed = k(
        'patch',
        'svc',
        'fixed',
        '-p',
        '{"spec":{"clusterIP":"10.100.0.11","clusterIPs":["10.100.0.11"]}}',
      );
      assert.match(
        changed.stderr,
        /spec\.clusterIPs\[0\]: Invalid value: \["10\.100\.0\.11"\]: may not change once set/,
      );
      // kubectl apply of a manifest without clusterIP keeps the allocated one.
      const replaced = kubectl(api.kubeconfigPath, ['replace', '-f', '-'], service('fixed', { ports: [{ port: 81 }] }));
      assert.equal(replaced.status, 0, replaced.stderr);
      assert.equal(get('fixed').spec.clusterIP, '10.100.0.10');
    });

    it('node ports: picked, requested, conflicts and out of range refused with Kubernetes wording', () => {
      const out = k('create', 'service', 'nodeport', 'np', '--tcp=80:8080');
      assert.equal(out.status, 0, out.stderr);
      const np = get('np');
      assert.equal(np.spec.type, 'NodePort');
      assert.equal(np.spec.externalTrafficPolicy, 'Cluster');
      const picked = np.spec.ports[0]!.nodePort!;
      assert.ok(picked >= 30000 && picked <= 30049, `node port ${picked} in range`);
      assert.match(k('get', 'svc', 'np').stdout, new RegExp(`np\\s+NodePort\\s+\\S+\\s+<none>\\s+80:${picked}/TCP`));

      created(service('np-a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] }));
      const second = apply(service('np-b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] }));
      assert.match(
        second.stderr,
        /The Service "np-b" is invalid: spec\.ports\[0\]\.nodePort: Invalid value: 30001: provided port is already allocated/,
      );
      const outside = apply(service('np-c', { type: 'NodePort', ports: [{ port: 80, nodePort: 31000 }] }));
      assert.match(
        outside.stderr,
        /spec\.ports\[0\]\.nodePort: Invalid value: 31000: provided port is not in the valid range\. The range of valid ports is 30000-30049/,
      );
      const onClusterIP = apply(service('np-d', { ports: [{ port: 80, nodePort: 30002 }] }));
      assert.match(
        onClusterIP.stderr,
        /spec\.ports\[0\]\.nodePort: Forbidden: may not be used when `type` is 'ClusterIP'/,
      );
    });

    it('releases on delete (the value can be taken again) and on a type change; dryRun takes nothing', () => {
      assert.equal(k('delete', 'svc', 'np-a').status, 0);
      created(service('np-b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] }));
      assert.equal(k('delete', 'svc', 'fixed').status, 0);
      created(service('fixed-again', { clusterIP: '10.100.0.10', ports: [{ port: 80 }] }));

      // NodePort -> ClusterIP gives the node port back; ClusterIP -> NodePort takes one.
      const toClusterIP = k('patch', 'svc', 'np-b', '-p', '{"spec":{"type":"ClusterIP"}}');
      assert.equal(toClusterIP.status, 0, toClusterIP.stderr);
      assert.equal(get('np-b').spec.ports[0]!.nodePort, undefined);
      created(service('np-e', { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] }));
      const toNodePort = k('patch', 'svc', 'fixed-again', '-p', '{"spec":{"type":"NodePort"}}');
      assert.equal(toNodePort.status, 0, toNodePort.stderr);
      assert.ok(get('fixed-again').spec.ports[0]!.nodePort);

      const dry = kubectl(
        api.kubeconfigPath,
        ['create', '--dry-run=server', '-o', 'json', '-f', '-'],
        service('dry', { type: 'NodePort', ports: [{ port: 80, nodePort: 30003 }] }),
      );
      assert.equal(dry.status, 0, dry.stderr);
      created(service('after-dry', { type: 'NodePort', ports: [{ port: 80, nodePort: 30003 }] }));
    });

    it('several named ports, targetPort by name, ClientIP affinity with its default timeout; bad input refused', () => {
      const ok = apply(
        service('multi', {
          type: 'NodePort',
          sessionAffinity: 'ClientIP',
          selector: { app: 'multi' },
          ports: [
            { name: 'http', port: 80, targetPort: 'web' },
            { name: 'metrics', port: 9090 },
          ],
        }),
      );
      assert.equal(ok.status, 0, ok.stderr);
      const multi = get('multi');
      assert.equal(multi.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds, 10800);
      assert.equal(multi.spec.ports[0]!.targetPort, 'web');
      assert.equal(multi.spec.ports[1]!.targetPort, 9090);
      assert.notEqual(multi.spec.ports[0]!.nodePort, multi.spec.ports[1]!.nodePort);

      const unnamed = apply(service('bad1', { ports: [{ port: 80 }, { port: 81 }] }));
      assert.match(unnamed.stderr, /spec\.ports\[0\]\.name: Required value/);
      const duplicate = apply(
        service('bad2', {
          ports: [
            { name: 'a', port: 80 },
            { name: 'a', port: 81 },
          ],
        }),
      );
      assert.match(duplicate.stderr, /spec\.ports\[1\]\.name: Duplicate value: "a"/);
      const badPort = apply(service('bad3', { ports: [{ port: 70000 }] }));
      assert.match(badPort.stderr, /spec\.ports\[0\]\.port: Invalid value: 70000/);
      const headlessNodePort = apply(service('bad4', { type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] }));
      assert.match(headlessNodePort.stderr, /may not be set to 'None' for NodePort services/);
      const ipv6 = apply(service('bad5', { ipFamilies: ['IPv6'], ports: [{ port: 80 }] }));
      assert.match(ipv6.stderr, /ipfamily IPv6 is not configured on cluster/);
      const noPorts = apply(service('bad6', { selector: { a: 'b' } }));
      assert.match(noPorts.stderr, /spec\.ports: Required value/);
    });

    it('a second apiserver on the same Redis (a restart) sees and keeps the same allocations, and repairs lost pools', async () => {
      const second = await startTestApiserver({
        REDIS_URL: api.redis.url,
        KUBENEST_SERVICE_CLUSTER_IP_RANGE: RANGE,
        KUBENEST_SERVICE_NODE_PORT_RANGE: NODE_PORTS,
      });
      try {
        const viaSecond = kubectl(
          second.kubeconfigPath,
          ['create', '-f', '-'],
          service('dup', { clusterIP: '10.100.0.10', ports: [{ port: 80 }] }),
        );
        assert.match(viaSecond.stderr, /provided IP is already allocated/);
        // Pools lost (an old data dir, a restored backup): the start-up repair rebuilds them from the Services.
        const redis = new Redis(api.redis.url);
        const keys = await redis.keys('{kubenest}:a:*');
        assert.ok(keys.length >= 2);
        await redis.del(...keys);
        await redis.quit();
      } finally {
        await second.stop();
      }
      const third = await startTestApiserver({
        REDIS_URL: api.redis.url,
        KUBENEST_SERVICE_CLUSTER_IP_RANGE: RANGE,
        KUBENEST_SERVICE_NODE_PORT_RANGE: NODE_PORTS,
      });
      try {
        const again = kubectl(
          third.kubeconfigPath,
          ['create', '-f', '-'],
          service('dup', { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] }),
        );
        assert.match(again.stderr, /provided port is already allocated/);
        const ip = kubectl(
          third.kubeconfigPath,
          ['create', '-f', '-'],
          service('dup', { clusterIP: '10.100.0.10', ports: [{ port: 80 }] }),
        );
        assert.match(ip.stderr, /provided IP is already allocated/);
      } finally {
        await third.stop();
      }
    });

    it("deleting a namespace's Services through the API, as the namespace controller does, releases what they held", () => {
      assert.equal(k('create', 'namespace', 'gone').status, 0);
      assert.equal(
        kubectl(
          api.kubeconfigPath,
          ['-n', 'gone', 'create', '-f', '-'],
          service('held', { clusterIP: '10.100.0.12', ports: [{ port: 80 }] }),
        ).status,
        0,
      );
      // No namespace controller runs here: delete the content as it would, through the API.
      assert.equal(k('-n', 'gone', 'delete', 'svc', '--all').status, 0);
      created(service('takes-it', { clusterIP: '10.100.0.12', ports: [{ port: 80 }] }));
    });
  },
);
