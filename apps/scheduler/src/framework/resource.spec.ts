import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Resource } from './resource.js';

describe('Resource', () => {
  it('keeps cpu and memory in fields and every other resource by name', () => {
    const r = Resource.of({ cpu: 500, memory: 1024, pods: 10, 'example.com/gpu': 1 });
    assert.equal(r.milliCpu, 500);
    assert.equal(r.memory, 1024);
    assert.equal(r.get('cpu'), 500);
    assert.equal(r.get('pods'), 10);
    assert.equal(r.get('example.com/gpu'), 1);
    assert.equal(r.get('hugepages-2Mi'), 0);
  });

  it('adds and subtracts per resource', () => {
    const sum = new Resource();
    sum.add(Resource.of({ cpu: 100, memory: 10, 'example.com/gpu': 1 }));
    sum.add(Resource.of({ cpu: 50 }));
    assert.deepEqual([sum.milliCpu, sum.memory, sum.get('example.com/gpu')], [150, 10, 1]);
    sum.subtract(Resource.of({ cpu: 100, memory: 10, 'example.com/gpu': 1 }));
    assert.deepEqual([sum.milliCpu, sum.memory, sum.get('example.com/gpu')], [50, 0, 0]);
  });
});
