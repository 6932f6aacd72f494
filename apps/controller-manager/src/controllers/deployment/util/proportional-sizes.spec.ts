import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReplicaSet } from '#api';
import { fakeDeployment } from '../testing/fake-deployment.js';
import { fakeReplicaSet } from '../testing/fake-replica-set.js';
import { proportionalSizes } from './proportional-sizes.js';

const NEW = '2016-05-20T02:00:00Z';
const OLD = '2016-05-20T01:00:00Z';
const OLDER = '2016-05-20T00:00:00Z';

/**
 * The proportional cases of Kubernetes' TestScale: RSs sized for `from` replicas (the
 * annotations), the Deployment now at `to`; maxUnavailable 0 and maxSurge `surge`.
 */
describe('proportionalSizes', () => {
  const cases: {
    name: string;
    from: number;
    to: number;
    surge?: number;
    fromSurge?: number;
    rs: [string, number, string][];
    want: Record<string, number>;
  }[] = [
    {
      name: '5 -> 10',
      from: 5,
      to: 10,
      rs: [
        ['v2', 2, NEW],
        ['v1', 3, OLD],
      ],
      want: { v2: 4, v1: 6 },
    },
    {
      name: '5 -> 3',
      from: 5,
      to: 3,
      rs: [
        ['v2', 2, NEW],
        ['v1', 3, OLD],
      ],
      want: { v2: 1, v1: 2 },
    },
    {
      name: '9 -> 4',
      from: 9,
      to: 4,
      rs: [
        ['v2', 8, NEW],
        ['v1', 1, OLD],
      ],
      want: { v2: 4, v1: 0 },
    },
    {
      name: '7 -> 10',
      from: 7,
      to: 10,
      rs: [
        ['v3', 2, NEW],
        ['v2', 3, OLD],
        ['v1', 2, OLDER],
      ],
      want: { v3: 3, v2: 4, v1: 3 },
    },
    {
      name: '13 -> 8',
      from: 13,
      to: 8,
      rs: [
        ['v3', 2, NEW],
        ['v2', 8, OLD],
        ['v1', 3, OLDER],
      ],
      want: { v3: 1, v2: 5, v1: 2 },
    },
    {
      name: 'leftover to the newest: 3 -> 4',
      from: 3,
      to: 4,
      rs: [
        ['v3', 1, NEW],
        ['v2', 1, OLD],
        ['v1', 1, OLDER],
      ],
      want: { v3: 2, v2: 1, v1: 1 },
    },
    {
      name: 'leftover from the oldest: 3 -> 2',
      from: 3,
      to: 2,
      rs: [
        ['v3', 1, NEW],
        ['v2', 1, OLD],
        ['v1', 1, OLDER],
      ],
      want: { v3: 1, v2: 1, v1: 0 },
    },
    {
      name: 'to zero: 6 -> 0',
      from: 6,
      to: 0,
      rs: [
        ['v3', 3, NEW],
        ['v2', 2, OLD],
        ['v1', 1, OLDER],
      ],
      want: { v3: 0, v2: 0, v1: 0 },
    },
    {
      name: 'with surge 2: 10 -> 20',
      from: 10,
      to: 20,
      surge: 2,
      fromSurge: 2,
      rs: [
        ['v2', 6, NEW],
        ['v1', 6, OLD],
      ],
      want: { v2: 11, v1: 11 },
    },
    {
      name: 'surge 3 -> 6 and 10 -> 50',
      from: 10,
      to: 50,
      surge: 6,
      fromSurge: 3,
      rs: [
        ['v2', 5, NEW],
        ['v1', 8, OLD],
      ],
      want: { v2: 22, v1: 34 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = fakeDeployment({
        replicas: c.to,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: c.surge ?? 0, maxUnavailable: 0 } },
      });
      const replicaSets: ReplicaSet[] = c.rs.map(([name, size, created]) =>
        fakeReplicaSet(name, size, { created, sizedFor: { desired: c.from, max: c.from + (c.fromSurge ?? 0) } }),
      );
      const { sizes } = proportionalSizes(d, replicaSets);
      assert.deepEqual(Object.fromEntries(sizes.map(({ rs, size }) => [rs.metadata.name, size])), c.want);
    });
  }

  it('names the direction for the ScalingReplicaSet event', () => {
    const d = fakeDeployment({
      replicas: 10,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
    });
    const rs = [
      fakeReplicaSet('a', 2, { sizedFor: { desired: 5, max: 5 } }),
      fakeReplicaSet('b', 3, { sizedFor: { desired: 5, max: 5 } }),
    ];
    assert.equal(proportionalSizes(d, rs).operation, 'up');
  });
});
