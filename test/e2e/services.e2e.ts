import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Resolver } from 'node:dns/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import dnsPacket, { type Packet } from 'dns-packet';
import { dockerUnavailable, kubectl, kubectlPath, startTestCluster, type TestCluster } from '#testing';
import {
  agentScope,
  applyService,
  countByPod,
  httpGet,
  hostRules,
  isReady,
  kubectlOk,
  podsOf,
  publishEndpoints,
  waitFor,
  waitForServiceRule,
} from './services-support.js';

const skip = !kubectlPath ? 'kubectl is not on this machine' : dockerUnavailable;

const replicationController = (name: string, replicas: number, image = 'localhost:5000/microservice:1.0') => ({
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name },
  spec: {
    replicas,
    selector: { app: name },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [
          {
            name: 'web',
            image,
            ports: [{ containerPort: 3000, name: 'http' }],
            readinessProbe: { httpGet: { path: '/readyz', port: 3000 }, periodSeconds: 1, failureThreshold: 1 },
          },
        ],
      },
    },
  },
});

// Services end to end on a real `kubenest up` with Docker: the node agent's proxy (NodePort on
// 127.0.0.1, cluster IP from the node and from pods), its cluster DNS and the service
// variables. Services here carry an explicit cluster IP and node port and no selector, with
// Endpoints the test writes as the endpoints controller would, so only the node half is under test.
describe('services on a kubenest up cluster', { skip }, () => {
  let cluster: TestCluster;
  let clusterIP: string;
  let nodePort: number;
  const ok = (...args: string[]) => kubectlOk(cluster, args);
  const apply = (object: unknown) => kubectlOk(cluster, ['apply', '-f', '-'], JSON.stringify(object));
  const inClient = (script: string) => kubectl(cluster.kubeconfigPath, ['exec', 'client', '--', 'sh', '-c', script]);
  const readyPods = async (app: string) => (await podsOf(cluster, `app=${app}`)).filter(isReady);
  /** Waits until the endpoints controller lists exactly these ready pods for a Service. */
  const waitForEndpoints = (service: string, pods: string[]) =>
    waitFor(`${service} endpoints ${pods.join(' ')}`, async () => {
      const res = await cluster.request({ path: `/api/v1/namespaces/default/endpoints/${service}` });
      if (res.status !== 200) return false;
      const endpoints = JSON.parse(res.body) as {
        subsets?: { addresses?: { targetRef?: { name: string } }[] }[];
      };
      const listed = (endpoints.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.targetRef?.name ?? ''));
      return JSON.stringify(listed.sort()) === JSON.stringify([...pods].sort());
    });
  const nodePortBodies = async (count: number) => {
    const bodies: string[] = [];
    for (let i = 0; i < count; i++) {
      const reply = await httpGet('127.0.0.1', nodePort);
      bodies.push(reply.body ?? `error ${reply.error}`);
    }
    return bodies;
  };
  let dnsServer: string;

  before(async () => {
    cluster = await startTestCluster();
    apply(replicationController('microservice1', 5));
    const allocated = applyService(cluster, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'microservice1' },
      spec: {
        type: 'NodePort',
        selector: { app: 'microservice1' },
        ports: [{ name: 'http', port: 3000, targetPort: 3000 }],
      },
    });
    clusterIP = allocated.clusterIP;
    nodePort = allocated.nodePort!;
    await waitFor('5 ready microservice1 pods', async () => (await readyPods('microservice1')).length === 5);
    await waitForEndpoints(
      'microservice1',
      (await readyPods('microservice1')).map((p) => p.metadata.name),
    );
    await waitForServiceRule(clusterIP);
    // Created after the Service, so it gets the service variables.
    ok('run', 'client', '--image=localhost:5000/busybox:1.36', '--restart=Never', '--', 'sleep', '3600');
    await waitFor('the client pod', async () => (await podsOf(cluster, 'run=client')).some(isReady));
  });
  after(async () => {
    await cluster?.stop();
  });

  it('spreads 200 requests to the NodePort on 127.0.0.1 over all 5 pods, none above twice its share', async () => {
    const counts = countByPod(await nodePortBodies(200));
    const pods = (await readyPods('microservice1')).map((p) => p.metadata.name).sort();
    assert.deepEqual([...counts.keys()].sort(), pods, `answers: ${JSON.stringify([...counts])}`);
    for (const [pod, count] of counts) assert.ok(count <= 80, `${pod} answered ${count} of 200`);
  });

  it('reaches the cluster IP from the node and from a pod', async () => {
    const fromNode = await httpGet(clusterIP, 3000);
    assert.match(fromNode.body ?? String(fromNode.error), /^hello from microservice1-/);
    const r = inClient(`for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://${clusterIP}:3000/; echo; done`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(countByPod(r.stdout.split('\n').filter(Boolean)).size, 5, r.stdout);
  });

  it('resolves the service by short name, namespace and FQDN from a pod, with the Kubernetes resolv.conf', async () => {
    const resolv = ok('exec', 'client', '--', 'cat', '/etc/resolv.conf');
    assert.match(resolv, /^search default\.svc\.cluster\.local svc\.cluster\.local cluster\.local/m);
    assert.match(resolv, /^options ndots:5$/m);
    dnsServer = /^nameserver (\S+)$/m.exec(resolv)?.[1] ?? '';
    assert.ok(dnsServer, resolv);
    for (const name of ['microservice1', 'microservice1.default', 'microservice1.default.svc.cluster.local']) {
      const r = inClient(`wget -qO- http://${name}:3000/`);
      assert.equal(r.status, 0, `${name}: ${r.stderr}`);
      assert.match(r.stdout, /^hello from microservice1-/, name);
    }
  });

  it('answers A, SRV, pod and NXDOMAIN queries, and refuses names outside the cluster', async () => {
    const resolver = new Resolver({ timeout: 3_000, tries: 1 });
    resolver.setServers([dnsServer]);
    assert.deepEqual(await resolver.resolve4('microservice1.default.svc.cluster.local'), [clusterIP]);
    assert.deepEqual(await resolver.resolveSrv('_http._tcp.microservice1.default.svc.cluster.local'), [
      { name: 'microservice1.default.svc.cluster.local', port: 3000, priority: 0, weight: 100 },
    ]);
    assert.deepEqual(await resolver.resolve4('10-88-7-9.default.pod.cluster.local'), ['10.88.7.9']);
    await assert.rejects(resolver.resolve4('nothing.default.svc.cluster.local'), { code: 'ENOTFOUND' });
    await assert.rejects(resolver.resolve4('example.com'), { code: 'EREFUSED' });
    // From a pod (busybox nslookup, UDP), and over TCP as a resolver retrying a truncated answer does.
    const fromPod = inClient('nslookup -type=a microservice1.default.svc.cluster.local');
    assert.ok(fromPod.stdout.includes(`Address: ${clusterIP}`), fromPod.stdout + fromPod.stderr);
    const overTcp = await queryOverTcp(dnsServer, 'microservice1.default.svc.cluster.local');
    assert.deepEqual(
      overTcp.answers?.map((a) => (a as { data: unknown }).data),
      [clusterIP],
    );
  });

  it('answers a headless service with the ready pod IPs', async () => {
    apply({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'headless' },
      spec: { clusterIP: 'None', selector: { app: 'microservice1' }, ports: [{ name: 'http', port: 3000 }] },
    });
    const resolver = new Resolver({ timeout: 3_000, tries: 1 });
    resolver.setServers([dnsServer]);
    const expected = (await readyPods('microservice1')).map((p) => p.status.podIP!).sort();
    await waitFor('headless A records', async () => {
      const ips = await resolver.resolve4('headless.default.svc.cluster.local').catch(() => []);
      return JSON.stringify(ips.sort()) === JSON.stringify(expected);
    });
    const r = inClient('wget -qO- http://headless:3000/');
    assert.match(r.stdout, /^hello from microservice1-/, r.stderr);
  });

  it('gives containers the service variables, unless enableServiceLinks is false', async () => {
    const r = inClient('wget -qO- http://$MICROSERVICE1_SERVICE_HOST:$MICROSERVICE1_SERVICE_PORT/; env');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^hello from microservice1-/);
    for (const line of [
      `MICROSERVICE1_SERVICE_HOST=${clusterIP}`,
      'MICROSERVICE1_SERVICE_PORT=3000',
      'MICROSERVICE1_SERVICE_PORT_HTTP=3000',
      `MICROSERVICE1_PORT=tcp://${clusterIP}:3000`,
      `MICROSERVICE1_PORT_3000_TCP=tcp://${clusterIP}:3000`,
      'MICROSERVICE1_PORT_3000_TCP_PROTO=tcp',
      'MICROSERVICE1_PORT_3000_TCP_PORT=3000',
      `MICROSERVICE1_PORT_3000_TCP_ADDR=${clusterIP}`,
    ])
      assert.ok(r.stdout.split('\n').includes(line), `${line} missing from:\n${r.stdout}`);
    apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'unlinked', labels: { run: 'unlinked' } },
      spec: {
        enableServiceLinks: false,
        containers: [{ name: 'c', image: 'localhost:5000/busybox:1.36', command: ['sleep', '3600'] }],
      },
    });
    await waitFor('the unlinked pod', async () => (await podsOf(cluster, 'run=unlinked')).some(isReady));
    const env = ok('exec', 'unlinked', '--', 'env');
    assert.doesNotMatch(env, /MICROSERVICE1_/);
  });

  it('takes a pod whose readiness fails out of the rotation', async () => {
    const [victim] = await readyPods('microservice1');
    ok('exec', victim.metadata.name, '--', 'wget', '-qO-', '127.0.0.1:3000/fail');
    await waitFor(
      'the pod to turn unready',
      async () =>
        !(await podsOf(cluster, 'app=microservice1')).find(
          (p) => p.metadata.name === victim.metadata.name && isReady(p),
        ),
    );
    await waitFor(
      'traffic without the unready pod',
      async () => !countByPod(await nodePortBodies(20)).has(victim.metadata.name),
      15_000,
    );
    const counts = countByPod(await nodePortBodies(40));
    assert.equal(counts.has(victim.metadata.name), false);
    assert.equal(counts.size, 4, JSON.stringify([...counts]));
  });

  it('drains pods scaled away (5 -> 2)', async () => {
    ok('scale', 'rc/microservice1', '--replicas=2');
    await waitFor('2 pods', async () => (await podsOf(cluster, 'app=microservice1')).length === 2);
    const remaining = (await readyPods('microservice1')).map((p) => p.metadata.name).sort();
    await waitFor(
      'traffic to the remaining pods only',
      async () => {
        const seen = [...countByPod(await nodePortBodies(10)).keys()].sort();
        return JSON.stringify(seen) === JSON.stringify(remaining);
      },
      15_000,
    );
  });

  it('switches backends when the service is pointed at other pods', async () => {
    apply(replicationController('microservice2', 2, 'localhost:5000/microservice:2.0'));
    await waitFor('2 ready microservice2 pods', async () => (await readyPods('microservice2')).length === 2);
    ok('patch', 'service', 'microservice1', '-p', '{"spec":{"selector":{"app":"microservice2"}}}');
    await waitFor(
      'answers from version 2.0',
      async () => (await nodePortBodies(10)).every((b) => b.startsWith('hello again from microservice2-')),
      15_000,
    );
  });

  it('sticks a client to one pod with sessionAffinity ClientIP', async () => {
    ok('patch', 'service', 'microservice1', '-p', '{"spec":{"sessionAffinity":"ClientIP"}}');
    await waitFor('one pod for every request', async () => countByPod(await nodePortBodies(10)).size === 1, 15_000);
    ok('patch', 'service', 'microservice1', '-p', '{"spec":{"sessionAffinity":"None"}}');
    await waitFor('round robin again', async () => countByPod(await nodePortBodies(10)).size === 2, 15_000);
  });

  it('refuses connections at once to a service whose selector matches nothing, from the node and from a pod', async () => {
    const empty = applyService(cluster, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'empty' },
      spec: { type: 'NodePort', selector: { app: 'nothing-has-this' }, ports: [{ port: 80, targetPort: 3000 }] },
    });
    const [emptyIP, emptyPort] = [empty.clusterIP, empty.nodePort!];
    await waitForServiceRule(emptyIP);
    assert.equal((await httpGet('127.0.0.1', emptyPort, 5_000)).error, 'ECONNREFUSED');
    assert.equal((await httpGet(emptyIP, 80, 5_000)).error, 'ECONNREFUSED');
    const r = inClient(`wget -qO- http://${emptyIP}:80/ 2>&1; echo "exit $?"`);
    assert.match(r.stdout, /Connection refused/, r.stdout);
  });

  it('refuses a target port name no container has, and keeps serving everything else', async () => {
    const ip = applyService(cluster, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'badport' },
      spec: { selector: { app: 'microservice2' }, ports: [{ port: 80, targetPort: 'no-such-port' }] },
    }).clusterIP;
    await waitForServiceRule(ip);
    assert.equal((await httpGet(ip, 80, 5_000)).error, 'ECONNREFUSED');
    assert.match((await httpGet('127.0.0.1', nodePort)).body ?? '', /^hello again from microservice2-/);
  });

  it('uses the Endpoints written for a Service without selector, matched by port name', async () => {
    const ip = applyService(cluster, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'manual' },
      spec: { ports: [{ name: 'http', port: 80, targetPort: 3000 }] },
    }).clusterIP;
    const backends = await podsOf(cluster, 'app=microservice2');
    // A port named otherwise than the service port: nothing to proxy to, refused.
    publishEndpoints(cluster, 'manual', backends, 3000, 'other');
    await waitForServiceRule(ip);
    assert.equal((await httpGet(ip, 80, 5_000)).error, 'ECONNREFUSED');
    publishEndpoints(cluster, 'manual', backends, 3000, 'http');
    await waitFor(
      'the manual endpoints to answer',
      async () => (await httpGet(ip, 80, 5_000)).body !== undefined,
      15_000,
    );
    assert.match((await httpGet(ip, 80)).body ?? '', /^hello again from microservice2-/);
  });

  it('names what it adds to the host for this cluster, and removes it when the node agent stops', async () => {
    const node = JSON.parse(ok('get', 'nodes', '-o', 'json')) as { items: { metadata: { name: string } }[] };
    const scope = agentScope(cluster, node.items[0].metadata.name);
    const rules = hostRules();
    assert.match(rules, new RegExp(`-A KN${scope}-SERVICES -d ${clusterIP.replaceAll('.', '\\.')}/32 -p tcp`));
    assert.match(
      rules,
      new RegExp(
        `-A PREROUTING -m comment --comment "kubenest ${scope} services ${join(cluster.dataDir, 'node-agent', node.items[0].metadata.name)}" -j KN${scope}-SERVICES`,
      ),
    );
    await cluster.stop();
    assert.doesNotMatch(hostRules(), new RegExp(`KN${scope}`));
  });
});

/** One A query over DNS-over-TCP (RFC 7766 framing), as a resolver sends it after a truncated UDP answer. */
async function queryOverTcp(server: string, name: string): Promise<Packet> {
  const socket = connect({ host: server, port: 53 });
  socket.end(dnsPacket.streamEncode({ type: 'query', id: 7, questions: [{ type: 'A', name }] }));
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  return dnsPacket.streamDecode(Buffer.concat(chunks));
}
