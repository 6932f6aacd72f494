// The DTOs behind '#api' use decorator metadata; load the polyfill before importing them.
import 'reflect-metadata';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RESOURCES, ResourceCatalog } from '#api';
import {
  buildAggregatedDiscovery,
  buildApiGroupList,
  buildApiResourceList,
  buildApiVersions,
  buildVersionInfo,
  DiscoveryDocuments,
  negotiateDiscovery,
  storageVersionHash,
  type APIGroupDiscoveryList,
  type APIResourceList,
} from './index.js';

const catalog = new ResourceCatalog();
const KUBECTL_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('version', () => {
  it('reports Kubernetes 1.32 so kubectl 1.32 sees no skew', () => {
    const info = buildVersionInfo();
    assert.equal(info.major, '1');
    assert.equal(info.minor, '32');
    assert.equal(info.gitVersion, 'v1.32.0-kubenest');
    assert.match(info.platform, /^[a-z0-9]+\/[a-z0-9]+$/);
  });
});

describe('legacy discovery', () => {
  it('lists the core version and the server address at /api', () => {
    const doc = buildApiVersions(catalog, '10.0.0.1:6443');
    assert.deepEqual(doc.versions, ['v1']);
    assert.deepEqual(doc.serverAddressByClientCIDRs, [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' }]);
  });

  it('lists every named group with its preferred version at /apis', () => {
    const names = buildApiGroupList(catalog).groups.map((g) => `${g.name}:${g.preferredVersion.groupVersion}`);
    assert.deepEqual(names.sort(), [
      'apps:apps/v1',
      'authentication.k8s.io:authentication.k8s.io/v1',
      'coordination.k8s.io:coordination.k8s.io/v1',
      'discovery.k8s.io:discovery.k8s.io/v1',
      'logging.kubenest.io:logging.kubenest.io/v1alpha1',
      'metrics.k8s.io:metrics.k8s.io/v1beta1',
    ]);
  });

  it('lists every kind with shortNames, verbs and a storage version hash', () => {
    for (const type of BUILTIN_RESOURCES) {
      const list = buildApiResourceList(catalog, type.group, type.version) as APIResourceList;
      const entry = list.resources.find((r) => r.name === type.resource);
      assert.ok(entry, `${type.resource} missing`);
      assert.equal(entry.kind, type.kind);
      assert.equal(entry.namespaced, type.namespaced);
      assert.deepEqual(entry.verbs, type.verbs);
      assert.deepEqual(entry.shortNames ?? [], type.shortNames);
      assert.equal(entry.storageVersionHash, storageVersionHash(type.group, type.version, type.kind));
    }
  });

  it('describes subresources with their own kinds and verbs', () => {
    const core = buildApiResourceList(catalog, '', 'v1') as APIResourceList;
    const apps = buildApiResourceList(catalog, 'apps', 'v1') as APIResourceList;
    const byName = new Map([...core.resources, ...apps.resources].map((r) => [r.name, r]));
    assert.deepEqual(byName.get('pods/status'), {
      name: 'pods/status',
      singularName: '',
      namespaced: true,
      kind: 'Pod',
      verbs: ['get', 'patch', 'update'],
    });
    assert.deepEqual(byName.get('pods/binding')?.verbs, ['create']);
    assert.equal(byName.get('pods/binding')?.kind, 'Binding');
    assert.deepEqual(byName.get('pods/log')?.verbs, ['get']);
    assert.equal(byName.get('pods/exec')?.kind, 'PodExecOptions');
    assert.deepEqual(byName.get('pods/portforward')?.verbs, ['create', 'get']);
    const scale = byName.get('deployments/scale');
    assert.deepEqual([scale?.group, scale?.version, scale?.kind], ['autoscaling', 'v1', 'Scale']);
    assert.equal(byName.get('pods/eviction')?.group, 'policy');
  });

  it('returns undefined for a group version that is not served', () => {
    assert.equal(buildApiResourceList(catalog, 'batch', 'v1'), undefined);
  });

  it('matches kube-apiserver storage version hash for Pod', () => {
    // Known value from a real cluster's /api/v1 discovery document.
    assert.equal(storageVersionHash('', 'v1', 'Pod'), 'xPOwRZ+Yhw8=');
  });
});

describe('aggregated discovery', () => {
  it('puts the core group, unnamed, in one item with every core resource', () => {
    const doc = buildAggregatedDiscovery(catalog, 'core');
    assert.equal(doc.apiVersion, 'apidiscovery.k8s.io/v2');
    assert.equal(doc.items.length, 1);
    assert.equal(doc.items[0]!.metadata.name, undefined);
    const v1 = doc.items[0]!.versions[0]!;
    assert.equal(v1.version, 'v1');
    assert.equal(v1.freshness, 'Current');
    const pods = v1.resources.find((r) => r.resource === 'pods')!;
    assert.deepEqual(pods.responseKind, { group: '', version: 'v1', kind: 'Pod' });
    assert.equal(pods.scope, 'Namespaced');
    assert.equal(pods.singularResource, 'pod');
    assert.deepEqual(pods.shortNames, ['po']);
    assert.deepEqual(pods.categories, ['all']);
    assert.ok(pods.subresources?.some((s) => s.subresource === 'binding' && s.responseKind.kind === 'Binding'));
    const nodes = v1.resources.find((r) => r.resource === 'nodes')!;
    assert.equal(nodes.scope, 'Cluster');
  });

  it('lists named groups with their resources and scale subresources', () => {
    const doc = buildAggregatedDiscovery(catalog, 'apis', 'v2beta1');
    assert.equal(doc.apiVersion, 'apidiscovery.k8s.io/v2beta1');
    const apps = doc.items.find((i) => i.metadata.name === 'apps')!;
    const deployments = apps.versions[0]!.resources.find((r) => r.resource === 'deployments')!;
    const scale = deployments.subresources?.find((s) => s.subresource === 'scale');
    assert.deepEqual(scale?.responseKind, { group: 'autoscaling', version: 'v1', kind: 'Scale' });
    const total = doc.items.flatMap((i) => i.versions.flatMap((v) => v.resources)).length;
    assert.equal(total, BUILTIN_RESOURCES.filter((t) => t.group !== '').length);
  });
});

describe('negotiation', () => {
  it('prefers aggregated v2 for the Accept header kubectl 1.32 sends', () => {
    assert.deepEqual(negotiateDiscovery(KUBECTL_ACCEPT), { aggregated: 'v2' });
  });
  it('falls back to v2beta1, then legacy JSON', () => {
    assert.deepEqual(negotiateDiscovery('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList'), {
      aggregated: 'v2beta1',
    });
    assert.deepEqual(negotiateDiscovery('application/json'), { aggregated: false });
    assert.deepEqual(negotiateDiscovery(undefined), { aggregated: false });
  });
  it('refuses protobuf-only requests', () => {
    assert.equal(negotiateDiscovery('application/vnd.kubernetes.protobuf'), undefined);
  });
});

describe('DiscoveryDocuments', () => {
  const docs = new DiscoveryDocuments(catalog, { serverAddress: '127.0.0.1:6443' });

  it('answers /apis in the aggregated form with the parameters client-go checks', () => {
    const r = docs.respond('/apis', KUBECTL_ACCEPT)!;
    assert.equal(r.status, 200);
    assert.equal(r.headers['Content-Type'], 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const body = JSON.parse(r.body!) as APIGroupDiscoveryList;
    assert.equal(body.kind, 'APIGroupDiscoveryList');
  });

  it('answers /api with APIVersions for plain JSON clients', () => {
    const r = docs.respond('/api', 'application/json, */*')!;
    assert.equal(r.headers['Content-Type'], 'application/json');
    assert.equal(JSON.parse(r.body!).kind, 'APIVersions');
  });

  it('answers 304 to a matching If-None-Match', () => {
    const first = docs.respond('/apis/apps/v1', 'application/json')!;
    const again = docs.respond('/apis/apps/v1', 'application/json', first.headers.ETag)!;
    assert.equal(again.status, 304);
    assert.equal(again.body, undefined);
  });

  it('answers 406 to an Accept it cannot serve and leaves other paths alone', () => {
    assert.equal(docs.respond('/apis', 'application/vnd.kubernetes.protobuf')!.status, 406);
    assert.equal(docs.respond('/apis/apps/v1/deployments', 'application/json'), undefined);
    assert.equal(docs.serves('/apis/coordination.k8s.io/v1'), true);
    assert.equal(docs.serves('/apis/apps/v1/namespaces'), false);
  });
});
