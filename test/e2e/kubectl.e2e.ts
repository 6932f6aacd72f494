import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { kubectl, kubectlPath, startTestApiserver, type KubectlResult, type TestApiserver } from '#testing';

const FIXTURES = join(import.meta.dirname, '../../../test/e2e/fixtures');
const microservice = readFileSync(join(FIXTURES, 'microservice.yaml'), 'utf8');

describe(
  'kubectl against kubenest',
  { skip: kubectlPath ? false : 'kubectl is not on this machine (command -v kubectl)' },
  () => {
    let server: TestApiserver;
    const k = (...args: string[]) => kubectl(server.kubeconfigPath, args);
    const ok = (...args: string[]): string => {
      const r = k(...args);
      assert.equal(r.status, 0, `kubectl ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
      return r.stdout;
    };
    const okWith = (input: string, ...args: string[]): KubectlResult => {
      const r = kubectl(server.kubeconfigPath, args, input);
      assert.equal(r.status, 0, `kubectl ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
      return r;
    };

    before(async () => {
      server = await startTestApiserver();
    });
    after(async () => {
      await server?.stop();
    });

    it('reports version, api-versions, api-resources and readiness', () => {
      assert.match(ok('version', '-o', 'json'), /"gitVersion": "v1\.32\.\d+-kubenest"/);
      const versions = ok('api-versions').split('\n');
      for (const v of ['v1', 'apps/v1', 'coordination.k8s.io/v1'])
        assert.ok(versions.includes(v), `api-versions lacks ${v}`);
      const resources = ok('api-resources');
      assert.match(resources, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
      assert.match(resources, /^pods\s+po\s+v1\s+true\s+Pod$/m);
      assert.match(resources, /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
      assert.equal(ok('get', '--raw', '/readyz'), 'ok');
    });

    it('lists the system namespaces as a table', () => {
      const out = ok('get', 'ns');
      assert.match(out, /^NAME\s+STATUS\s+AGE$/m);
      for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
        assert.match(out, new RegExp(`^${ns}\\s+Active\\s+\\d+s$`, 'm'));
    });

    it('creates a multi-document manifest, then apply changes it and an unchanged apply is a no-op', () => {
      assert.match(okWith(microservice, 'create', '-f', '-').stdout, /deployment.apps\/microservice1 created/);
      assert.match(k('create', '-f', join(FIXTURES, 'microservice.yaml')).stderr, /AlreadyExists|already exists/);

      const applied = okWith(microservice.replace('replicas: 5', 'replicas: 3'), 'apply', '-f', '-').stdout;
      assert.match(applied, /deployment.apps\/microservice1 configured/);
      assert.equal(ok('get', 'deploy', 'microservice1', '-o', 'jsonpath={.spec.replicas}'), '3');
      const rv = ok('get', 'deploy', 'microservice1', '-o', 'jsonpath={.metadata.resourceVersion}');
      const again = okWith(microservice.replace('replicas: 5', 'replicas: 3'), 'apply', '-f', '-').stdout;
      assert.match(again, /deployment.apps\/microservice1 unchanged/);
      assert.equal(ok('get', 'deploy', 'microservice1', '-o', 'jsonpath={.metadata.resourceVersion}'), rv);
    });

    it('applies server-side: creates a missing object, then updates it', () => {
      const cm = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  key: ${value}\n`;
      assert.match(okWith(cm('one'), 'apply', '--server-side', '-f', '-').stdout, /configmap\/ssa serverside-applied/);
      assert.match(okWith(cm('two'), 'apply', '--server-side', '-f', '-').stdout, /configmap\/ssa serverside-applied/);
      assert.equal(ok('get', 'cm', 'ssa', '-o', 'jsonpath={.data.key}'), 'two');
      ok('delete', 'cm', 'ssa');
    });

    it('gets in every output format with selectors and across namespaces', () => {
      assert.match(
        ok('get', 'deploy,svc'),
        /NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE[\s\S]*deployment.apps\/microservice1[\s\S]*NAME\s+TYPE\s+CLUSTER-IP/,
      );
      assert.match(
        ok('get', 'deploy', '-o', 'wide'),
        /CONTAINERS\s+IMAGES\s+SELECTOR[\s\S]*web\s+localhost:5000\/microservice:1.0\s+app=microservice1/,
      );
      const asJson = JSON.parse(ok('get', 'deploy', 'microservice1', '-o', 'json'));
      assert.equal(asJson.spec.strategy.rollingUpdate.maxSurge, '25%');
      assert.equal(asJson.metadata.generation, 2);
      assert.match(ok('get', 'deploy', 'microservice1', '-o', 'yaml'), /^kind: Deployment$/m);
      assert.equal(
        ok('get', 'cm,deploy,svc', '-l', 'app=microservice1', '-o', 'name').trim().split('\n').sort().join(' '),
        'configmap/microservice1-config deployment.apps/microservice1 service/microservice1',
      );
      assert.equal(ok('get', 'deploy', '-l', 'tier notin (backend)', '-o', 'name').trim(), '');
      assert.equal(
        ok('get', 'ns', '--field-selector', 'metadata.name=kube-system', '-o', 'name').trim(),
        'namespace/kube-system',
      );
      assert.match(ok('get', 'cm', '-A'), /^NAMESPACE\s+NAME\s+DATA\s+AGE$/m);
      assert.match(
        k('get', 'pods', '--field-selector', 'spec.bogus=1').stderr,
        /field label not supported: spec.bogus/,
      );
    });

    it('runs the generator commands, whose typed clients send protobuf bodies', () => {
      assert.match(ok('create', 'namespace', 'demo'), /namespace\/demo created/);
      assert.match(
        ok(
          '-n',
          'demo',
          'create',
          'deployment',
          'web',
          '--image=localhost:5000/microservice:1.0',
          '--replicas=3',
          '--port=3000',
        ),
        /deployment.apps\/web created/,
      );
      assert.match(
        ok('-n', 'demo', 'create', 'secret', 'generic', 'creds', '--from-literal=password=s3cret'),
        /secret\/creds created/,
      );
      assert.match(ok('-n', 'demo', 'create', 'service', 'clusterip', 'web', '--tcp=80:3000'), /service\/web created/);
      assert.match(
        ok(
          '-n',
          'demo',
          'run',
          'one-off',
          '--image=localhost:5000/busybox:1.36',
          '--labels=role=debug',
          '--',
          'sleep',
          '3600',
        ),
        /pod\/one-off created/,
      );
      const deploy = JSON.parse(ok('-n', 'demo', 'get', 'deploy', 'web', '-o', 'json'));
      assert.equal(deploy.spec.replicas, 3);
      assert.equal(deploy.spec.template.spec.containers[0].ports[0].containerPort, 3000);
      assert.equal(
        ok('-n', 'demo', 'get', 'secret', 'creds', '-o', 'jsonpath={.data.password}'),
        Buffer.from('s3cret').toString('base64'),
      );
      assert.equal(
        ok('-n', 'demo', 'get', 'pod', 'one-off', '-o', 'jsonpath={.spec.containers[0].args}'),
        '["sleep","3600"]',
      );
      assert.match(ok('-n', 'demo', 'get', 'pods'), /^one-off\s+0\/1\s+Pending\s+0\s+\d+s$/m);
    });

    it('pages through long lists with --chunk-size (limit and continue)', () => {
      const many = Array.from(
        { length: 7 },
        (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: page-${i}\n  labels:\n    paged: "yes"\n`,
      ).join('---\n');
      okWith(many, 'create', '-f', '-');
      const names = ok('get', 'cm', '-l', 'paged=yes', '--chunk-size=2', '-o', 'name').trim().split('\n');
      assert.deepEqual(
        names,
        Array.from({ length: 7 }, (_, i) => `configmap/page-${i}`),
      );
      assert.match(ok('delete', 'cm', '-l', 'paged=yes'), /configmap "page-6" deleted/);
    });

    it('describes, labels, annotates and patches with all three patch types', () => {
      assert.match(ok('describe', 'deploy', 'microservice1'), /Name:\s+microservice1[\s\S]*Replicas:\s+3 desired/);
      ok('label', 'deploy', 'microservice1', 'team=payments');
      ok('annotate', 'deploy', 'microservice1', 'owner=alice@example.com');
      const meta = JSON.parse(ok('get', 'deploy', 'microservice1', '-o', 'jsonpath={.metadata}'));
      assert.equal(meta.labels.team, 'payments');
      assert.equal(meta.annotations.owner, 'alice@example.com');

      ok(
        'patch',
        'deploy',
        'microservice1',
        '--type',
        'json',
        '-p',
        '[{"op":"replace","path":"/spec/replicas","value":4}]',
      );
      assert.equal(ok('get', 'deploy', 'microservice1', '-o', 'jsonpath={.spec.replicas}'), '4');
      ok('patch', 'deploy', 'microservice1', '--type', 'merge', '-p', '{"spec":{"minReadySeconds":5}}');
      assert.equal(ok('get', 'deploy', 'microservice1', '-o', 'jsonpath={.spec.minReadySeconds}'), '5');
      // Strategic merge: the container list merges by name, so the image changes and the ports stay.
      ok(
        'patch',
        'deploy',
        'microservice1',
        '--type',
        'strategic',
        '-p',
        '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"localhost:5000/microservice:2.0"}]}}}}',
      );
      const container = JSON.parse(
        ok('get', 'deploy', 'microservice1', '-o', 'jsonpath={.spec.template.spec.containers[0]}'),
      );
      assert.equal(container.image, 'localhost:5000/microservice:2.0');
      assert.equal(container.ports[0].containerPort, 3000);
      assert.match(
        k(
          'patch',
          'deploy',
          'microservice1',
          '--type',
          'json',
          '-p',
          '[{"op":"test","path":"/spec/replicas","value":99}]',
        ).stderr,
        /Error|test/i,
      );
    });

    it('scales through the scale subresource', () => {
      assert.match(ok('scale', 'deploy', 'microservice1', '--replicas=7'), /scaled/);
      assert.equal(ok('get', 'deploy', 'microservice1', '-o', 'jsonpath={.spec.replicas}'), '7');
      assert.match(k('scale', 'deploy', 'microservice1', '--replicas=-1').stderr, /replicas/);
    });

    it('watches with get -w and sees a change as it happens', async () => {
      const watcher = spawn(kubectlPath!, ['get', 'cm', '-w', '--request-timeout=20s'], {
        env: { ...process.env, KUBECONFIG: server.kubeconfigPath, KUBECACHEDIR: join(server.dataDir, 'kube-cache') },
      });
      let seen = '';
      watcher.stdout.on('data', (d: Buffer) => (seen += d.toString()));
      try {
        await waitFor(() => seen.includes('microservice1-config'), 'the initial list in get -w');
        ok('create', 'configmap', 'watched', '--from-literal=a=b');
        await waitFor(() => /^watched\s+1\s+\d+s$/m.test(seen), 'the created configmap in get -w');
      } finally {
        watcher.kill();
      }
    });

    it('explains kinds and fields from the OpenAPI schema', () => {
      assert.match(ok('explain', 'pods'), /KIND:\s+Pod[\s\S]*VERSION:\s+v1/);
      assert.match(ok('explain', 'deployment.spec.strategy'), /FIELD:\s+strategy/);
    });

    it('deletes with every cascade mode and refuses what does not exist', () => {
      // No garbage collector runs here: orphan and foreground leave the object deleting, with
      // the finalizer the GC would remove (--wait=false, or kubectl would wait for it).
      assert.match(
        ok('delete', 'deploy', 'microservice1', '--cascade=orphan', '--wait=false'),
        /deployment.apps "microservice1" deleted/,
      );
      const deploy = JSON.parse(ok('get', 'deploy', 'microservice1', '-o', 'jsonpath={.metadata}'));
      assert.deepEqual([deploy.finalizers, Boolean(deploy.deletionTimestamp)], [['orphan'], true]);
      assert.match(
        ok('delete', 'svc', 'microservice1', '--cascade=foreground', '--wait=false'),
        /service "microservice1" deleted/,
      );
      const svc = JSON.parse(ok('get', 'svc', 'microservice1', '-o', 'jsonpath={.metadata}'));
      assert.deepEqual([svc.finalizers, Boolean(svc.deletionTimestamp)], [['foregroundDeletion'], true]);
      assert.match(ok('delete', 'cm', '-l', 'app=microservice1'), /configmap "microservice1-config" deleted/);
      assert.match(k('delete', 'cm', 'nope').stderr, /configmaps "nope" not found/);
    });
  },
);

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
