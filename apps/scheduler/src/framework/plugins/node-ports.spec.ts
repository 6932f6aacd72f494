import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../../testing/fake-node.js';
import { fakePod } from '../../testing/fake-pod.js';
import { nodeInfoOf } from '../../testing/node-info-of.js';
import { ERR_NODE_PORTS, NodePorts } from './node-ports.js';

const withPort = (name: string, hostPort: number, protocol = 'TCP', hostIP?: string) =>
  fakePod(name, {
    containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80, hostPort, protocol, hostIP }] }],
  });

describe('NodePorts', () => {
  const plugin = new NodePorts();
  const node = nodeInfoOf(fakeNode('n'), [withPort('web', 8080)]);

  it('rejects a host port already taken with the same protocol', () => {
    const status = plugin.filter(withPort('p', 8080), node);
    assert.deepEqual(status?.reasons, [ERR_NODE_PORTS]);
    assert.equal(status?.unresolvable, false);
  });

  it('admits another port, another protocol, or a pod without host ports', () => {
    assert.equal(plugin.filter(withPort('p', 8081), node), undefined);
    assert.equal(plugin.filter(withPort('p', 8080, 'UDP'), node), undefined);
    assert.equal(plugin.filter(fakePod('p'), node), undefined);
  });

  it('treats distinct specific host IPs as separate, 0.0.0.0 as overlapping all', () => {
    const specific = nodeInfoOf(fakeNode('n'), [withPort('web', 9000, 'TCP', '10.0.0.1')]);
    assert.equal(plugin.filter(withPort('p', 9000, 'TCP', '10.0.0.2'), specific), undefined);
    assert.ok(plugin.filter(withPort('p', 9000, 'TCP', '10.0.0.1'), specific));
    assert.ok(plugin.filter(withPort('p', 9000), specific));
  });
});
