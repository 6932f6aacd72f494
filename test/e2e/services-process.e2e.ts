import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  dockerUnavailable,
  freePort,
  kubectlPath,
  startTestCluster,
  startTestNodeAgent,
  type TestCluster,
  type TestNodeAgent,
} from '#testing';
import { hostRules, httpGet, kubectlOk, applyService, waitFor, waitForServiceRule } from './services-support.js';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';

const ABANDONED_SCOPE = randomBytes(4).toString('hex');
const ABANDONED_CHAIN = `KN${ABANDONED_SCOPE}-SERVICES`;
const ABANDONED_COMMENT = `kubenest ${ABANDONED_SCOPE} services /nonexistent/kubenest-test/${ABANDONED_SCOPE}`;
const iptables = (args: string[]) => execFileSync('iptables', ['-w', '5', ...args]);

const skip = !kubectlPath ? 'kubectl is not on this machine' : dockerUnavailable;

// The proxy of a node agent on the process runtime: its pods are host processes on 127.0.0.1,
// and cluster IPs and node ports reach them from the node.
describe('services to pods of the process runtime', { skip }, () => {
  let cluster: TestCluster;
  let agent: TestNodeAgent;
  let clusterIP: string;
  let nodePort: number;
  let podPort: number;

  before(async () => {
    cluster = await startTestCluster();
    // What an agent killed before its clean stop leaves behind, its root dir since deleted: the next agent to start removes it.
    iptables(['-t', 'nat', '-N', ABANDONED_CHAIN]);
    iptables(['-t', 'nat', '-A', 'OUTPUT', '-m', 'comment', '--comment', ABANDONED_COMMENT, '-j', ABANDONED_CHAIN]);
    agent = await startTestNodeAgent({ nodeName: 'proc-node', kubeconfigPath: cluster.kubeconfigPath });
    podPort = await freePort();
    const server = `require('http').createServer((q, s) => s.end('hello from ' + process.env.POD_NAME)).listen(${podPort}, '127.0.0.1')`;
    kubectlOk(
      cluster,
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'proc-web' },
        spec: {
          nodeName: 'proc-node',
          containers: [
            {
              name: 'web',
              image: process.execPath,
              command: [process.execPath, '-e', server],
              env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            },
          ],
        },
      }),
    );
    const allocated = applyService(cluster, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'proc-web' },
      spec: { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: podPort }] },
    });
    clusterIP = allocated.clusterIP;
    nodePort = allocated.nodePort!;
    kubectlOk(
      cluster,
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'proc-web' },
        subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'http', port: podPort }] }],
      }),
    );
  });
  after(async () => {
    await agent?.cleanup();
    await cluster?.stop();
  });

  it('reaches the host-process pod through its cluster IP and node port from the node', async () => {
    const scope = createHash('sha256').update(join(agent.rootDir, 'root')).digest('hex').slice(0, 8);
    await waitFor(
      "the process agent's rules",
      () => hostRules().includes(`-A KN${scope}-SERVICES -d ${clusterIP}/32`),
      30_000,
    );
    await waitForServiceRule(clusterIP);
    await waitFor('the pod to answer', async () => (await httpGet('127.0.0.1', podPort, 2_000)).body !== undefined);
    assert.equal((await httpGet(clusterIP, 80)).body, 'hello from proc-web');
    assert.equal((await httpGet('127.0.0.1', nodePort)).body, 'hello from proc-web');
  });

  it('removes the rules of an agent whose root dir is gone when it starts', () => {
    assert.doesNotMatch(hostRules(), new RegExp(ABANDONED_CHAIN));
  });
});
