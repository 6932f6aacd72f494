import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NodePortRange } from './node-port-range.js';
import { ServiceIPRange } from './service-ip-range.js';

describe('ServiceIPRange', () => {
  it('maps addresses to offsets, keeping the network and broadcast addresses out', () => {
    const range = ServiceIPRange.parse('10.96.0.0/12');
    assert.equal(range.pool, 'service-ips:10.96.0.0/12');
    assert.equal(range.valueAt(1), '10.96.0.1');
    assert.equal(range.offsetOf('10.96.0.10'), 10);
    assert.equal(range.offsetOf('10.111.255.254'), range.lastOffset);
    assert.equal(range.offsetOf('10.96.0.0'), undefined);
    assert.equal(range.offsetOf('10.111.255.255'), undefined);
    assert.equal(range.offsetOf('10.112.0.1'), undefined);
    assert.equal(range.offsetOf('::1'), undefined);
    assert.equal(range.dynamicStart, 256, "Kubernetes' static band: min(max(16, size/16), 256)");
  });

  it('masks host bits and refuses what kube-apiserver refuses', () => {
    assert.equal(ServiceIPRange.parse('10.0.7.9/24').text, '10.0.7.0/24');
    assert.equal(ServiceIPRange.parse('10.0.7.0/28').dynamicStart, 16);
    for (const bad of ['10.0.0.0/8', '10.0.0.0/31', 'fd00::/108', '10.0.0.300/24', 'x'])
      assert.throws(() => ServiceIPRange.parse(bad), /must be an IPv4 CIDR/, bad);
  });
});

describe('NodePortRange', () => {
  it('parses min-max and base+size, with the static band at the bottom', () => {
    const range = NodePortRange.parse('30000-32767');
    assert.equal(range.offsetOf(30000), 0);
    assert.equal(range.offsetOf(32767), 2767);
    assert.equal(range.offsetOf(29999), undefined);
    assert.equal(range.offsetOf(32768), undefined);
    assert.equal(range.valueAt(5), 30005);
    assert.equal(range.dynamicStart, 86, "Kubernetes' static band: min(max(16, size/32), 128)");
    assert.equal(NodePortRange.parse('30000+100').text, '30000-30100');
    for (const bad of ['32767-30000', '0-10', '30000-70000', 'a-b'])
      assert.throws(() => NodePortRange.parse(bad), /port range/);
  });
});
