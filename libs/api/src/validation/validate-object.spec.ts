import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldError } from '../errors/field-error.js';
import {
  microserviceRc,
  namedPortService,
  nginxDeployment,
  simplePod,
  typeOf,
  type Loose,
} from './manifests.fixtures.js';
import { pruneUnknownFields, validateObject } from './validate-object.js';

const validate = (kind: string, obj: unknown) => validateObject(typeOf(kind), obj, { fieldValidation: 'Strict' });
const fields = (errors: FieldError[]) => errors.map((e) => `${e.field}|${e.type}`);
const one = (errors: FieldError[], field: string) => {
  const found = errors.filter((e) => e.field === field);
  assert.equal(found.length, 1, `expected one error on ${field}, got ${JSON.stringify(errors)}`);
  return found[0];
};

describe('validateObject: valid real-world manifests', () => {
  it('accepts the nginx Deployment', () => {
    const result = validate('Deployment', nginxDeployment());
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.unknownFields, []);
    assert.deepEqual(result.object, nginxDeployment());
  });

  it('accepts a ReplicationController of 5 whose selector defaulting will fill', () => {
    assert.deepEqual(validate('ReplicationController', microserviceRc()).errors, []);
  });

  it('accepts a NodePort Service with named ports', () => {
    assert.deepEqual(validate('Service', namedPortService()).errors, []);
  });

  it('accepts every other kind in a typical shape', () => {
    const ok: [string, unknown][] = [
      ['Namespace', { metadata: { name: 'team-a' } }],
      [
        'Node',
        {
          metadata: { name: 'node-1.example' },
          spec: { podCIDR: '10.244.1.0/24', taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] },
          status: {
            capacity: { cpu: '2', memory: '24Gi', pods: '110' },
            addresses: [{ type: 'InternalIP', address: '10.0.0.2' }],
            conditions: [{ type: 'Ready', status: 'True' }],
            nodeInfo: { kubeletVersion: 'v1.32.0' },
          },
        },
      ],
      [
        'ConfigMap',
        { metadata: { name: 'cfg', namespace: 'default' }, data: { 'app.properties': 'a=b', KEY_NAME: 'x' } },
      ],
      [
        'Secret',
        {
          metadata: { name: 's', namespace: 'default' },
          data: { password: 'cGFzc3dvcmQ=' },
          stringData: { user: 'admin' },
        },
      ],
      [
        'Event',
        {
          metadata: { name: 'nginx.17a', namespace: 'default' },
          involvedObject: { kind: 'Pod', name: 'nginx', namespace: 'default' },
          reason: 'Scheduled',
          type: 'Normal',
          count: 1,
          firstTimestamp: '2026-01-01T00:00:00Z',
          source: { component: 'default-scheduler' },
        },
      ],
      [
        'Lease',
        {
          metadata: { name: 'node-1', namespace: 'kube-node-lease' },
          spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:00.000000Z' },
        },
      ],
      [
        'Endpoints',
        {
          metadata: { name: 'svc', namespace: 'default' },
          subsets: [{ addresses: [{ ip: '10.244.1.5' }], ports: [{ name: 'http', port: 8080 }] }],
        },
      ],
      [
        'ReplicaSet',
        {
          metadata: { name: 'rs', namespace: 'default' },
          spec: {
            selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['x'] }] },
            template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
          },
        },
      ],
      ['Pod', simplePod()],
    ];
    for (const [kind, obj] of ok) assert.deepEqual(validate(kind, obj).errors, [], kind);
  });
});

describe('validateObject: invalid manifests, worded like Kubernetes', () => {
  it('rejects an invalid name with the RFC 1123 message', () => {
    const d = nginxDeployment();
    d.metadata.name = 'Foo_';
    const error = one(validate('Deployment', d).errors, 'metadata.name');
    assert.equal(error.type, 'FieldValueInvalid');
    assert.match(
      error.message,
      /^Invalid value: "Foo_": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '\.'/,
    );
  });

  it('names Namespaces by DNS label and Services by DNS-1035 label', () => {
    const ns = one(validate('Namespace', { metadata: { name: 'a.b' } }).errors, 'metadata.name');
    assert.equal(
      ns.message,
      `Invalid value: "a.b": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
    const svc = namedPortService();
    svc.metadata.name = '1svc';
    assert.match(one(validate('Service', svc).errors, 'metadata.name').message, /a DNS-1035 label must consist/);
  });

  it('requires a name or generateName, and checks label syntax', () => {
    const pod = simplePod() as { metadata: Record<string, unknown> };
    pod.metadata = { namespace: 'default', labels: { 'bad key!': 'v', ok: 'bad value!' } };
    const errors = validate('Pod', pod).errors;
    assert.equal(one(errors, 'metadata.name').message, 'Required value: name or generateName is required');
    const labelErrors = errors.filter((e) => e.field === 'metadata.labels');
    assert.equal(labelErrors.length, 2);
    assert.match(labelErrors[0].message, /^Invalid value: "bad key!": name part must consist of alphanumeric/);
    assert.match(labelErrors[1].message, /^Invalid value: "bad value!": a valid label must be an empty string/);
    assert.deepEqual(
      validate('Pod', { ...simplePod(), metadata: { generateName: 'web-', namespace: 'default' } }).errors,
      [],
    );
  });

  it('reports wrong JSON types as FieldValueTypeInvalid and stops there', () => {
    const d = nginxDeployment() as Loose;
    d.spec.replicas = '3';
    d.spec.template.spec.containers[0].ports = { containerPort: 80 };
    d.metadata.name = 'Bad_Name'; // not reported: the body would not even decode
    const errors = validate('Deployment', d).errors;
    assert.deepEqual(fields(errors), [
      'spec.replicas|FieldValueTypeInvalid',
      'spec.template.spec.containers[0].ports|FieldValueTypeInvalid',
    ]);
    assert.equal(errors[0].message, 'Invalid value: "3": spec.replicas in body must be of type integer: "string"');
  });

  it('requires an image', () => {
    const d = nginxDeployment() as Loose;
    delete d.spec.template.spec.containers[0].image;
    assert.equal(
      one(validate('Deployment', d).errors, 'spec.template.spec.containers[0].image').message,
      'Required value',
    );
  });

  it('rejects a selector that does not match the template labels', () => {
    const d = nginxDeployment();
    d.spec.template.metadata.labels = { app: 'web' };
    const error = one(validate('Deployment', d).errors, 'spec.template.metadata.labels');
    assert.equal(error.message, 'Invalid value: {"app":"web"}: `selector` does not match template `labels`');
  });

  it('requires a selector for apps/v1 and rejects an empty one', () => {
    const d = nginxDeployment() as Loose;
    delete d.spec.selector;
    assert.equal(one(validate('Deployment', d).errors, 'spec.selector').type, 'FieldValueRequired');
    d.spec.selector = {};
    assert.match(
      one(validate('Deployment', d).errors, 'spec.selector').message,
      /empty selector is invalid for deployment/,
    );
  });

  it('rejects bad quantities and requests above limits', () => {
    const rc = microserviceRc() as Loose;
    const container = rc.spec.template.spec.containers[0];
    container.resources = { requests: { cpu: '2', memory: '12XB' }, limits: { cpu: '1' } };
    const errors = validate('ReplicationController', rc).errors;
    const at = 'spec.template.spec.containers[0].resources';
    assert.equal(
      one(errors, `${at}.requests[memory]`).message,
      `Invalid value: "12XB": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
    assert.equal(
      one(errors, `${at}.requests[cpu]`).message,
      'Invalid value: "2": must be less than or equal to cpu limit of 1',
    );
  });

  it('checks enums, ports, duplicate container names and template restart policy', () => {
    const d = nginxDeployment() as Loose;
    const spec = d.spec.template.spec;
    spec.restartPolicy = 'OnFailure';
    spec.containers.push({
      name: 'nginx',
      image: 'x',
      imagePullPolicy: 'Sometimes',
      ports: [{ containerPort: 70000, protocol: 'HTTP' }],
    });
    const errors = validate('Deployment', d).errors;
    const p = 'spec.template.spec';
    assert.equal(
      one(errors, `${p}.restartPolicy`).message,
      'Unsupported value: "OnFailure": supported values: "Always"',
    );
    assert.equal(one(errors, `${p}.containers[1].name`).message, 'Duplicate value: "nginx"');
    assert.equal(
      one(errors, `${p}.containers[1].imagePullPolicy`).message,
      'Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    );
    assert.equal(
      one(errors, `${p}.containers[1].ports[0].containerPort`).message,
      'Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
    assert.equal(
      one(errors, `${p}.containers[1].ports[0].protocol`).message,
      'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    );
  });

  it('checks Deployment strategy and counters', () => {
    const d = nginxDeployment() as Loose;
    d.spec.replicas = -1;
    d.spec.revisionHistoryLimit = -2;
    d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } };
    let errors = validate('Deployment', d).errors;
    assert.equal(one(errors, 'spec.replicas').message, 'Invalid value: -1: must be greater than or equal to 0');
    assert.equal(one(errors, 'spec.revisionHistoryLimit').type, 'FieldValueInvalid');
    assert.equal(
      one(errors, 'spec.strategy.rollingUpdate.maxUnavailable').message,
      'Invalid value: "0%": may not be 0 when `maxSurge` is 0',
    );
    d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'lots' } };
    errors = validate('Deployment', d).errors;
    assert.match(
      one(errors, 'spec.strategy.rollingUpdate.maxSurge').message,
      /a valid percent string must be a numeric string followed by an ending '%'/,
    );
  });

  it('requires Service port names when there are several, and unique ones', () => {
    const svc = namedPortService() as Loose;
    delete svc.spec.ports[1].name;
    assert.equal(one(validate('Service', svc).errors, 'spec.ports[1].name').type, 'FieldValueRequired');
    svc.spec.ports[1].name = 'http';
    assert.equal(one(validate('Service', svc).errors, 'spec.ports[1].name').message, 'Duplicate value: "http"');
    svc.spec.type = 'Magic';
    assert.match(
      one(validate('Service', svc).errors, 'spec.type').message,
      /^Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"$/,
    );
  });

  it('checks Secret base64 without echoing the secret, and ConfigMap keys', () => {
    const secret = { metadata: { name: 's', namespace: 'default' }, data: { token: 'not base64!' } };
    const error = one(validate('Secret', secret).errors, 'data[token]');
    assert.doesNotMatch(error.message, /not base64/);
    assert.match(error.message, /illegal base64 data at input byte 3/);
    const cm = { metadata: { name: 'c', namespace: 'default' }, data: { 'bad/key': 'v' } };
    assert.match(
      one(validate('ConfigMap', cm).errors, 'data[bad/key]').message,
      /a valid config key must consist of alphanumeric characters/,
    );
  });

  it('checks Lease fields and namespace presence', () => {
    const errors = validate('Lease', { metadata: { name: 'l' }, spec: { leaseDurationSeconds: 0 } }).errors;
    assert.deepEqual(fields(errors), [
      'metadata.namespace|FieldValueRequired',
      'spec.leaseDurationSeconds|FieldValueInvalid',
    ]);
    assert.equal(
      one(validate('Namespace', { metadata: { name: 'x', namespace: 'y' } }).errors, 'metadata.namespace').message,
      'Forbidden: not allowed on this type',
    );
  });
});

describe('unknown fields and pruning', () => {
  it('lists unknown fields by path and drops them from the returned copy', () => {
    const d = nginxDeployment() as Loose;
    d.spec.foo = 1;
    d.spec.template.spec.containers[0].imagee = 'typo';
    d.metadata.labels.extra = null;
    const result = validate('Deployment', d);
    assert.deepEqual(result.unknownFields, ['spec.template.spec.containers[0].imagee', 'spec.foo']);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.object, nginxDeployment());
    assert.equal(d.spec.foo, 1, 'the input is left alone');
    assert.deepEqual(pruneUnknownFields(typeOf('Deployment'), d), nginxDeployment());
  });

  it('keeps free-form parts whole and drops nulls', () => {
    const pod = simplePod() as Loose;
    pod.spec.securityContext = { runAsUser: 1000, seLinuxOptions: { level: 's0' } };
    pod.spec.nodeName = null;
    const result = validate('Pod', pod);
    assert.deepEqual(result.unknownFields, []);
    assert.deepEqual((result.object.spec as Loose).securityContext, pod.spec.securityContext);
    assert.equal('nodeName' in (result.object.spec as object), false);
  });

  it('does not list unknown fields with fieldValidation Ignore', () => {
    const result = validateObject(typeOf('Pod'), { ...simplePod(), bogus: true }, { fieldValidation: 'Ignore' });
    assert.deepEqual(result.unknownFields, []);
    assert.equal('bogus' in result.object, false);
  });
});

describe('hostile input', () => {
  it('keeps a "__proto__" label key a plain key', () => {
    const pod = JSON.parse(
      '{"metadata":{"name":"p","namespace":"default","labels":{"__proto__":{"polluted":true}}},"spec":{"containers":[{"name":"c","image":"x"}]}}',
    );
    const result = validate('Pod', pod);
    assert.equal(one(result.errors, 'metadata.labels[__proto__]').type, 'FieldValueTypeInvalid');
    assert.equal(Object.getPrototypeOf((result.object.metadata as Loose).labels), Object.prototype);
    assert.equal(({} as Loose).polluted, undefined);
  });

  it('handles a huge array quickly and caps what it reports', () => {
    const d = nginxDeployment() as Loose;
    d.spec.template.spec.containers = Array.from({ length: 200_000 }, () => ({
      name: 'Bad_Name',
      image: 'x',
      junk: 1,
    }));
    const started = Date.now();
    const result = validate('Deployment', d);
    assert.ok(Date.now() - started < 10_000, 'validation of 200k containers took too long');
    assert.equal(result.errors.length, 1000);
    assert.equal(result.unknownFields.length, 1000);
  });

  it('does not recurse into deeply nested free-form input', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100_000; i++) deep = (deep.x = {}) as Record<string, unknown>;
    const pod = simplePod() as Loose;
    pod.spec.securityContext = root;
    pod.spec.unknownDeep = root;
    const result = validate('Pod', pod);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.unknownFields, ['spec.unknownDeep']);
  });

  it('reports a non-object body as a type error', () => {
    assert.equal(validate('Pod', [1, 2]).errors[0].type, 'FieldValueTypeInvalid');
    assert.equal(validate('Pod', 'pod').errors[0].type, 'FieldValueTypeInvalid');
  });
});
