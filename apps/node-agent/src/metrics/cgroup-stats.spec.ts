import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { CgroupStats } from './cgroup-stats.js';

const roots: string[] = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A fake /sys/fs/cgroup tree in a temp dir: path -> file contents. */
function cgroupTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cgroup-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const ID = 'b5bb0500ac2bbf8485ea7cbd6056e1668e39bd258e51b8a64753b4de4d59f5f4';

it('reads cgroup v1 (cgroupfs driver): cpuacct.usage, memory usage minus total_inactive_file', () => {
  const root = cgroupTree({
    [`cpuacct/docker/${ID}/cpuacct.usage`]: '23268291\n',
    [`memory/docker/${ID}/memory.usage_in_bytes`]: '5160960\n',
    [`memory/docker/${ID}/memory.stat`]: 'cache 100\ninactive_file 4096\ntotal_inactive_file 1060960\n',
  });
  assert.deepEqual(new CgroupStats(root).read(ID), {
    usageCoreNanoSeconds: 23268291,
    usageBytes: 5160960,
    workingSetBytes: 4_100_000,
  });
});

it('reads cgroup v1 with combined cpu,cpuacct controllers and the systemd driver', () => {
  const leaf = `system.slice/docker-${ID}.scope`;
  const root = cgroupTree({
    [`cpu,cpuacct/${leaf}/cpuacct.usage`]: '42\n',
    [`memory/${leaf}/memory.usage_in_bytes`]: '1000\n',
    [`memory/${leaf}/memory.stat`]: 'total_inactive_file 2000\n',
  });
  // inactive above usage (a race between the two reads) clamps the working set at zero
  assert.deepEqual(new CgroupStats(root).read(ID), { usageCoreNanoSeconds: 42, usageBytes: 1000, workingSetBytes: 0 });
});

it('reads cgroup v2 under system.slice (systemd driver) and docker/ (cgroupfs driver)', () => {
  for (const leaf of [`system.slice/docker-${ID}.scope`, `docker/${ID}`]) {
    const root = cgroupTree({
      'cgroup.controllers': 'cpu memory\n',
      [`${leaf}/cpu.stat`]: 'usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n',
      [`${leaf}/memory.current`]: '8192\n',
      [`${leaf}/memory.stat`]: 'anon 4096\nfile 4096\ninactive_file 1024\n',
    });
    assert.deepEqual(new CgroupStats(root).read(ID), {
      usageCoreNanoSeconds: 1_500_000,
      usageBytes: 8192,
      workingSetBytes: 7168,
    });
  }
});

it('answers undefined for a container without a cgroup (stopped, or an unknown layout)', () => {
  const root = cgroupTree({ 'cgroup.controllers': 'cpu memory\n' });
  assert.equal(new CgroupStats(root).read(ID), undefined);
  assert.equal(new CgroupStats(cgroupTree({ 'memory/x': '' })).read(ID), undefined);
});
