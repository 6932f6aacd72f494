import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs/minimal.js';
import { ApiError } from '../errors/api-error.js';
import { decodeProtobufBody } from './decode-protobuf-body.js';

// Fixtures are not copied to dist/: resolve them from the repository root.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const fixture = (name: string): Buffer =>
  readFileSync(resolve(repoRoot, 'libs/api/src/protobuf/fixtures', `${name}.pb`));

/** A field for the hand-built bodies: a nested message is a list of fields. */
type Field = [number, string | number | boolean | bigint | Uint8Array | Field[]];

function encode(fields: Field[]): Uint8Array {
  const writer = protobuf.Writer.create();
  for (const [number, value] of fields) {
    if (typeof value === 'string') writer.uint32((number << 3) | 2).string(value);
    else if (value instanceof Uint8Array) writer.uint32((number << 3) | 2).bytes(value);
    else if (Array.isArray(value)) writer.uint32((number << 3) | 2).bytes(encode(value));
    else if (typeof value === 'boolean') writer.uint32(number << 3).bool(value);
    else writer.uint32(number << 3).int64(value.toString());
  }
  return writer.finish();
}

function body(apiVersion: string, kind: string, object: Field[]): Buffer {
  const unknown = encode([
    [
      1,
      [
        [1, apiVersion],
        [2, kind],
      ],
    ],
    [2, encode(object)],
  ]);
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), unknown]);
}

const metadata = (name: string, ...more: Field[]): Field => [1, [[1, name], ...more]];

function assertRejected(bytes: Buffer, code: number, message: RegExp): void {
  assert.throws(
    () => decodeProtobufBody(bytes),
    (error: unknown) => error instanceof ApiError && error.code === code && message.test(error.message),
  );
}

describe('decodeProtobufBody on bodies captured from kubectl v1.32', () => {
  it('create namespace demo: empty strings and the zero creationTimestamp are dropped, empty spec and status kept', () => {
    assert.deepEqual(decodeProtobufBody(fixture('namespace-demo')), {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'demo' },
      spec: {},
      status: {},
    });
  });

  it('create configmap --from-literal --from-file: both keys in data', () => {
    assert.deepEqual(decodeProtobufBody(fixture('configmap-c')), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { a: 'b', 'app.properties': 'color=blue\n' },
    });
  });

  it('create secret generic: data values base64 as in JSON, empty type left for defaulting', () => {
    const secret = decodeProtobufBody(fixture('secret-generic-s'));
    assert.deepEqual(secret, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { p: 'eA==' } });
    assert.equal(Buffer.from((secret.data as Record<string, string>).p, 'base64').toString(), 'x');
  });

  it('create deployment --replicas=3 --port=80: selector, template and container port', () => {
    assert.deepEqual(decodeProtobufBody(fixture('deployment-web')), {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    });
  });

  it('create service clusterip --tcp=80:8080: port name, protocol and an integer targetPort', () => {
    assert.deepEqual(decodeProtobufBody(fixture('service-clusterip-web')), {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }],
        selector: { app: 'web' },
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    });
  });
});

describe('decodeProtobufBody on hand-built bodies', () => {
  it('keeps set zero values of pointer fields (replicas: 0, maxUnavailable: 0) and string IntOrString', () => {
    const deployment = decodeProtobufBody(
      body('apps/v1', 'Deployment', [
        metadata('web'),
        [
          2,
          [
            [1, 0],
            [
              4,
              [
                [1, 'RollingUpdate'],
                [
                  2,
                  [
                    [
                      1,
                      [
                        [1, 0],
                        [2, 0],
                      ],
                    ],
                    [
                      2,
                      [
                        [1, 1],
                        [3, '25%'],
                      ],
                    ],
                  ],
                ],
              ],
            ],
            [7, false],
          ],
        ],
      ]),
    );
    assert.deepEqual(deployment.spec, {
      replicas: 0,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
    });
  });

  it('decodes a pod: inlined volume sources, probe handler, env, resources quantities and times', () => {
    const pod = decodeProtobufBody(
      body('v1', 'Pod', [
        metadata(
          'p',
          [3, 'ns'],
          [8, [[1, 1704164645n]]],
          [
            11,
            [
              [1, 'a'],
              [2, 'b'],
            ],
          ],
        ),
        [
          2,
          [
            [
              1,
              [
                [1, 'cache'],
                [2, [[2, [[2, [[1, '64Mi']]]]]]],
              ],
            ],
            [
              1,
              [
                [1, 'cfg'],
                [
                  2,
                  [
                    [
                      19,
                      [
                        [1, [[1, 'settings']]],
                        [3, 420],
                      ],
                    ],
                  ],
                ],
              ],
            ],
            [
              1,
              [
                [1, 'data'],
                [
                  2,
                  [
                    [
                      10,
                      [
                        [1, 'claim'],
                        [2, true],
                      ],
                    ],
                  ],
                ],
              ],
            ],
            [
              2,
              [
                [1, 'main'],
                [2, 'busybox'],
                [3, 'sleep'],
                [3, '10'],
                [
                  7,
                  [
                    [1, 'X'],
                    [2, '1'],
                  ],
                ],
                [
                  8,
                  [
                    [
                      1,
                      [
                        [1, 'cpu'],
                        [2, [[1, '500m']]],
                      ],
                    ],
                  ],
                ],
                [
                  10,
                  [
                    [
                      1,
                      [
                        [
                          2,
                          [
                            [1, '/healthz'],
                            [
                              2,
                              [
                                [1, 1],
                                [3, 'http'],
                              ],
                            ],
                          ],
                        ],
                      ],
                    ],
                    [2, 5],
                  ],
                ],
              ],
            ],
            [4, 0n],
          ],
        ],
      ]),
    );
    assert.deepEqual(pod.metadata, {
      name: 'p',
      namespace: 'ns',
      creationTimestamp: '2024-01-02T03:04:05Z',
      labels: { a: 'b' },
    });
    assert.deepEqual(pod.spec, {
      volumes: [
        { name: 'cache', emptyDir: { sizeLimit: '64Mi' } },
        { name: 'cfg', configMap: { name: 'settings', defaultMode: 420 } },
        { name: 'data', persistentVolumeClaim: { claimName: 'claim', readOnly: true } },
      ],
      containers: [
        {
          name: 'main',
          image: 'busybox',
          command: ['sleep', '10'],
          env: [{ name: 'X', value: '1' }],
          resources: { limits: { cpu: '500m' } },
          livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5 },
        },
      ],
      terminationGracePeriodSeconds: 0,
    });
  });

  it('decodes Secret binaryData-style bytes, a MicroTime lease and managedFields JSON', () => {
    const lease = decodeProtobufBody(
      body('coordination.k8s.io/v1', 'Lease', [
        metadata('node-a', [
          17,
          [
            [1, 'kubelet'],
            [2, 'Update'],
            [6, 'FieldsV1'],
            [7, [[1, '{"f:spec":{}}']]],
          ],
        ]),
        [
          2,
          [
            [1, 'node-a'],
            [2, 40],
            [
              4,
              [
                [1, 1704164645n],
                [2, 123456789],
              ],
            ],
          ],
        ],
      ]),
    );
    assert.deepEqual(lease.metadata, {
      name: 'node-a',
      managedFields: [{ manager: 'kubelet', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': {} } }],
    });
    assert.deepEqual(lease.spec, {
      holderIdentity: 'node-a',
      leaseDurationSeconds: 40,
      renewTime: '2024-01-02T03:04:05.123456Z',
    });

    const configMap = decodeProtobufBody(
      body('v1', 'ConfigMap', [
        metadata('bin'),
        [
          3,
          [
            [1, 'blob'],
            [2, new Uint8Array([0, 255])],
          ],
        ],
      ]),
    );
    assert.deepEqual(configMap.binaryData, { blob: 'AP8=' });
  });

  it('decodes an Eviction with DeleteOptions, and DeleteOptions under any apiVersion', () => {
    const deleteOptions: Field[] = [
      [1, 0n],
      [2, [[1, 'uid-1']]],
      [4, 'Foreground'],
      [5, 'All'],
    ];
    const expected = {
      gracePeriodSeconds: 0,
      preconditions: { uid: 'uid-1' },
      propagationPolicy: 'Foreground',
      dryRun: ['All'],
    };
    assert.deepEqual(
      decodeProtobufBody(body('policy/v1', 'Eviction', [metadata('p', [3, 'ns']), [2, deleteOptions]])),
      {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name: 'p', namespace: 'ns' },
        deleteOptions: expected,
      },
    );
    assert.deepEqual(decodeProtobufBody(body('v1', 'DeleteOptions', deleteOptions)), {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      ...expected,
    });
  });

  it('keeps a "__proto__" label as a plain key instead of changing the prototype', () => {
    const ns = decodeProtobufBody(
      body('v1', 'Namespace', [
        metadata('x', [
          11,
          [
            [1, '__proto__'],
            [2, 'v'],
          ],
        ]),
      ]),
    );
    const labels = (ns.metadata as { labels: object }).labels;
    assert.equal(Object.getPrototypeOf(labels), Object.prototype);
    assert.deepEqual(Object.entries(labels), [['__proto__', 'v']]);
  });

  it('skips fields it has no schema for, as protobuf decoders do', () => {
    assert.deepEqual(decodeProtobufBody(body('v1', 'Namespace', [metadata('x'), [99, 'future field'], [98, 7]])), {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'x' },
    });
  });
});

describe('decodeProtobufBody rejects', () => {
  it('a body without the k8s\\x00 prefix, such as JSON, with 400', () => {
    assertRejected(Buffer.from('{"kind":"Namespace"}'), 400, /missing the Kubernetes protobuf prefix/);
    assertRejected(Buffer.alloc(0), 400, /prefix/);
  });

  it('a kind without a schema with 415, asking for JSON', () => {
    assertRejected(
      body('apps/v1', 'DaemonSet', [metadata('d')]),
      415,
      /apps\/v1, Kind=DaemonSet; send it as application\/json/,
    );
    assertRejected(body('v2', 'Namespace', [metadata('d')]), 415, /v2, Kind=Namespace/);
  });

  it('an envelope without apiVersion and kind with 400', () => {
    assertRejected(
      Buffer.concat([Buffer.from('k8s\0', 'latin1'), encode([[2, encode([metadata('x')])]])]),
      400,
      /no apiVersion and kind/,
    );
  });

  it('a truncated body with 400', () => {
    const whole = fixture('deployment-web');
    // The last 4 bytes are the empty contentEncoding and contentType; cutting 5 lands inside raw.
    assertRejected(
      whole.subarray(0, whole.length - 5),
      400,
      /unable to decode protobuf request body: index out of range/,
    );
    assertRejected(whole.subarray(0, 7), 400, /index out of range/);
  });

  it('a wire type that contradicts the schema, and groups, with 400', () => {
    const wrongType = Buffer.concat([
      Buffer.from('k8s\0', 'latin1'),
      encode([
        [
          1,
          [
            [1, 'v1'],
            [2, 'Namespace'],
          ],
        ],
        [2, encode([[1, 5]])],
      ]),
    ]);
    assertRejected(wrongType, 400, /Namespace\.metadata: wire type 0, expected 2/);
    // Field 5, wire type 3 (start group), repeated: naive group skipping would recurse 100k deep.
    const nestedGroups = Buffer.concat([Buffer.from('k8s\0', 'latin1'), Buffer.alloc(100_000, 0x2b)]);
    assertRejected(nestedGroups, 400, /unsupported wire type 3/);
  });

  it('corrupted bytes only ever as an ApiError, never a crash or another error', () => {
    const original = fixture('deployment-web');
    let state = 12345;
    const random = (n: number): number => ((state = (state * 1103515245 + 12345) >>> 0), state % n);
    let rejected = 0;
    for (let round = 0; round < 2000; round++) {
      const bytes = Buffer.from(original);
      for (let flips = 1 + random(4); flips > 0; flips--) bytes[4 + random(bytes.length - 4)] = random(256);
      try {
        decodeProtobufBody(bytes);
      } catch (error) {
        assert.ok(error instanceof ApiError && (error.code === 400 || error.code === 415), String(error));
        rejected++;
      }
    }
    assert.ok(rejected > 0);
  });
});
