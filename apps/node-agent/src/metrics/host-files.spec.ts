import assert from 'node:assert/strict';
import { it } from 'node:test';
import { nodeMemory } from './meminfo.js';
import { defaultInterface, parseNetDev } from './net-dev.js';

it('computes the node working set as usage (total - free) minus the inactive file cache', () => {
  const meminfo = [
    'MemTotal:       16000000 kB',
    'MemFree:         4000000 kB',
    'MemAvailable:   10000000 kB',
    'Active(file):    2000000 kB',
    'Inactive(file):  3000000 kB',
  ].join('\n');
  assert.deepEqual(nodeMemory(meminfo), {
    availableBytes: 10_000_000 * 1024,
    usageBytes: 12_000_000 * 1024,
    workingSetBytes: 9_000_000 * 1024,
  });
  assert.throws(() => nodeMemory('MemTotal: 1 kB\n'), /no MemFree/);
});

it('reads /proc/net/dev without loopback and picks the host interface over bridges and veths', () => {
  const text = [
    'Inter-|   Receive                                                |  Transmit',
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
    '    lo: 28419230   43144    0    0    0     0          0         0 28419230   43144    0    0    0     0       0          0',
    'kubenest0:  500  5    0    0    0     0          0         0  600  6    0    0    0     0       0          0',
    '  eth0: 1000 10 2 0 0 0 0 0 2000 20 3 0 0 0 0 0',
  ].join('\n');
  const interfaces = parseNetDev(text);
  assert.deepEqual(
    interfaces.map((i) => i.name),
    ['kubenest0', 'eth0'],
  );
  assert.deepEqual(defaultInterface(interfaces), {
    name: 'eth0',
    rxBytes: 1000,
    rxErrors: 2,
    txBytes: 2000,
    txErrors: 3,
  });
});
