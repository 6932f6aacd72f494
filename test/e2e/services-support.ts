import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { kubectl, type TestCluster } from '#testing';

export interface TestPod {
  metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string };
  status: { podIP?: string; conditions?: { type: string; status: string }[] };
}

/** kubectl against the cluster, failing the test with kubectl's output when it fails. */
export function kubectlOk(cluster: TestCluster, args: string[], input?: string): string {
  const r = kubectl(cluster.kubeconfigPath, args, input);
  assert.equal(r.status, 0, `kubectl ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

export async function podsOf(cluster: TestCluster, selector: string): Promise<TestPod[]> {
  const res = await cluster.request({
    path: `/api/v1/namespaces/default/pods?labelSelector=${encodeURIComponent(selector)}`,
  });
  return (JSON.parse(res.body) as { items: TestPod[] }).items.filter((p) => !p.metadata.deletionTimestamp);
}

export const isReady = (pod: TestPod) =>
  Boolean(pod.status.podIP) && Boolean(pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));

export async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** Applies a Service and returns what the apiserver allocated: its cluster IP and first node port. */
export function applyService(cluster: TestCluster, service: object): { clusterIP: string; nodePort?: number } {
  kubectlOk(cluster, ['apply', '-f', '-'], JSON.stringify(service));
  const name = (service as { metadata: { name: string } }).metadata.name;
  const stored = JSON.parse(kubectlOk(cluster, ['get', 'service', name, '-o', 'json'])) as {
    spec: { clusterIP: string; ports: { nodePort?: number }[] };
  };
  return { clusterIP: stored.spec.clusterIP, nodePort: stored.spec.ports[0]?.nodePort };
}

/**
 * Endpoints for pods, written the way the endpoints controller writes them (ready pods in
 * addresses, the others in notReadyAddresses, the port named after the service port).
 */
export function publishEndpoints(cluster: TestCluster, name: string, pods: TestPod[], port = 3000, portName = 'http') {
  const address = (pod: TestPod) => ({
    ip: pod.status.podIP!,
    targetRef: { kind: 'Pod', namespace: 'default', name: pod.metadata.name },
  });
  const withIP = pods.filter((pod) => pod.status.podIP);
  const endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name },
    subsets: withIP.length
      ? [
          {
            addresses: withIP.filter(isReady).map(address),
            notReadyAddresses: withIP.filter((pod) => !isReady(pod)).map(address),
            ports: [{ name: portName, port, protocol: 'TCP' }],
          },
        ]
      : [],
  };
  kubectlOk(cluster, ['apply', '-f', '-'], JSON.stringify(endpoints));
}

/** GET http://host:port/ from this process (the node): the body, or the connection error's code. */
export function httpGet(host: string, port: number, timeoutMs = 10_000): Promise<{ body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request({ host, port, path: '/', agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ body: body.trim() }));
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    req.end();
  });
}

/** How many of `bodies` each pod answered ("hello from <pod> ..."). */
export function countByPod(bodies: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const body of bodies) {
    const pod = /^hello(?: again)? from (\S+)/.exec(body)?.[1] ?? `unexpected: ${body}`;
    counts.set(pod, (counts.get(pod) ?? 0) + 1);
  }
  return counts;
}

/**
 * Waits until the node's iptables mention `clusterIP` (a DNAT or a reject rule): before that,
 * a connection to it would leave the machine by the default route.
 */
export async function waitForServiceRule(clusterIP: string) {
  await waitFor(`rules for ${clusterIP}`, () => hostRules().includes(`-d ${clusterIP}/32`), 15_000);
}

export function hostRules(): string {
  return execFileSync('iptables-save', { encoding: 'utf8' });
}

/** The scope the node agent of a `kubenest up` cluster names its chains and addresses with. */
export function agentScope(cluster: TestCluster, nodeName: string): string {
  return createHash('sha256')
    .update(join(cluster.dataDir, 'node-agent', nodeName))
    .digest('hex')
    .slice(0, 8);
}
