import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ContainerStatus } from '#runtime';
import { ContainerLogLinks } from './container-log-links.js';
import { parseContainerLogName } from './kubelet-log-paths.js';

describe('ContainerLogLinks on a real directory', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'log-links-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const container = (id: string, pod: string, uid: string, restarts: number): ContainerStatus => {
    const logPath = join(dir, `${id}-json.log`);
    writeFileSync(logPath, `{"log":"from ${id}\\n"}\n`);
    return {
      id,
      logPath,
      labels: {
        'io.kubernetes.pod.uid': uid,
        'io.kubernetes.pod.name': pod,
        'io.kubernetes.pod.namespace': 'shop',
        'io.kubernetes.container.name': 'app',
        'io.kubernetes.container.restartCount': String(restarts),
      },
    } as unknown as ContainerStatus;
  };

  it('links the kubelet paths to the runtime log, and removes them with the pod', async () => {
    const links = new ContainerLogLinks(join(dir, 'log'));
    const a = container('c1', 'web-a', 'uid-a', 2);
    const b = container('c2', 'web-b', 'uid-b', 0);
    await links.sync([a, b]);
    const podLog = join(dir, 'log/pods/shop_web-a_uid-a/app/2.log');
    const link = join(dir, 'log/containers/web-a_shop_app-c1.log');
    assert.equal(readlinkSync(podLog), a.logPath);
    assert.equal(readlinkSync(link), podLog);
    assert.equal(readFileSync(link, 'utf8'), '{"log":"from c1\\n"}\n');
    await links.sync([b]); // web-a is gone
    assert.equal(existsSync(link), false);
    assert.equal(existsSync(join(dir, 'log/pods/shop_web-a_uid-a')), false);
    assert.ok(existsSync(join(dir, 'log/containers/web-b_shop_app-c2.log')));
  });

  it('parses the names back from a /var/log/containers file name', () => {
    assert.deepEqual(parseContainerLogName(`web-7d9f_shop_app-${'f'.repeat(64)}.log`), {
      pod: 'web-7d9f',
      namespace: 'shop',
      container: 'app',
      containerId: 'f'.repeat(64),
    });
    assert.equal(parseContainerLogName('syslog.log'), undefined);
  });
});
