import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChainNames, renderRules } from './iptables-rules.js';
import type { ServicePortEntry } from './service-ports.js';

const names = new ChainNames('0123abcd');
const entry = (over: Partial<ServicePortEntry>): ServicePortEntry => ({
  key: 'default/web:http',
  clusterIP: '10.96.3.4',
  port: 80,
  protocol: 'TCP',
  backends: [],
  ...over,
});

describe('renderRules', () => {
  it('round robins new connections over the endpoints, behind the cluster IP and the node port', () => {
    const backends = [1, 2, 3].map((i) => ({ ip: `10.88.0.${i}`, port: 3000 }));
    const rules = renderRules(names, [entry({ backends, nodePort: 30080 })], { nat: [], filter: [] });
    const svc = names.service(entry({}));
    assert.ok(svc.length <= 28 && svc.startsWith('KN0123abcd-SVC-'));
    assert.match(rules, new RegExp(`-A KN0123abcd-SERVICES -d 10.96.3.4/32 -p tcp -m tcp --dport 80 .* -j ${svc}`));
    assert.match(rules, new RegExp(`-A KN0123abcd-NODEPORTS -p tcp -m tcp --dport 30080 .* -j ${svc}`));
    const picks = rules.split('\n').filter((line) => line.startsWith(`-A ${svc} `) && line.includes('SEP-'));
    assert.deepEqual(
      picks.map((line) => /--every (\d+)/.exec(line)?.[1] ?? 'rest'),
      ['3', '2', 'rest'],
    );
    assert.match(rules, /-j DNAT --to-destination 10\.88\.0\.3:3000/);
    assert.doesNotMatch(rules, /-j REJECT/);
  });

  it('rejects service ports without endpoints with a TCP reset, and deletes stale chains of its own', () => {
    const stale = `${names.prefix}SVC-OLD`;
    const rules = renderRules(names, [entry({ nodePort: 30080 })], { nat: [stale], filter: [] });
    assert.match(
      rules,
      /-A KN0123abcd-REJECT -d 10\.96\.3\.4\/32 -p tcp -m tcp --dport 80 .* -j REJECT --reject-with tcp-reset/,
    );
    assert.match(rules, /--dst-type LOCAL -p tcp -m tcp --dport 30080 .* -j REJECT --reject-with tcp-reset/);
    assert.match(rules, new RegExp(`:${stale} - \\[0:0\\][\\s\\S]*-X ${stale}`));
  });

  it('sends a returning client to its endpoint with ClientIP affinity', () => {
    const rules = renderRules(names, [entry({ backends: [{ ip: '10.88.0.1', port: 3000 }], affinitySeconds: 60 })], {
      nat: [],
      filter: [],
    });
    assert.match(rules, /-m recent --name KN0123abcd-SEP-\w+ --rcheck --seconds 60 --reap -j KN0123abcd-SEP-/);
    assert.match(rules, /-m recent --name KN0123abcd-SEP-\w+ --set --rsource -j DNAT/);
  });
});
