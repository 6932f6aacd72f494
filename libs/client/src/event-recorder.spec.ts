import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { ApiError, type KubeObject } from '#api';
import { EventRecorder } from './event-recorder.js';
import type { EventRecorderOptions } from './event-recorder-options.js';
import { FakeApiClient } from './fake-api-client.js';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop', uid: 'uid-web-1', resourceVersion: '42' },
};

function recorderOn(client: FakeApiClient, clock: { now: number }, options: Partial<EventRecorderOptions> = {}) {
  return new EventRecorder(client, {
    component: 'test-controller',
    logger: pino({ level: 'silent' }),
    now: () => clock.now,
    retryDelayMs: 1,
    ...options,
  });
}

describe('EventRecorder', () => {
  it('creates an Event shaped like client-go, then patches count and lastTimestamp for repeats', async () => {
    const client = new FakeApiClient();
    const clock = { now: Date.parse('2025-01-01T00:00:00Z') };
    const recorder = recorderOn(client, clock, { host: 'node-1' });
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await recorder.flush();
    clock.now += 90_000;
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await recorder.flush();

    assert.deepEqual(
      client.writes.map((w) => w.verb),
      ['create', 'patch'],
    );
    const created = client.writes[0].body as Record<string, unknown> & KubeObject;
    assert.match(created.metadata.name!, /^web-1\.[0-9a-f]{16}$/);
    assert.equal(created.metadata.namespace, 'shop');
    assert.deepEqual(created['involvedObject'], {
      kind: 'Pod',
      apiVersion: 'v1',
      name: 'web-1',
      namespace: 'shop',
      uid: 'uid-web-1',
      resourceVersion: '42',
    });
    assert.deepEqual(created['source'], { component: 'test-controller', host: 'node-1' });
    assert.equal(created['reportingComponent'], 'test-controller');
    assert.equal(created['count'], 1);
    assert.equal(created['type'], 'Warning');
    assert.equal(created['firstTimestamp'], '2025-01-01T00:00:00Z');
    assert.equal(client.writes[1].name, created.metadata.name);
    assert.deepEqual(client.writes[1].body, { count: 2, lastTimestamp: '2025-01-01T00:01:30Z' });
  });

  it('starts a new Event once the dedupe window has passed, and for a different message', async () => {
    const client = new FakeApiClient();
    const clock = { now: 0 };
    const recorder = recorderOn(client, clock);
    recorder.event(pod, 'Normal', 'Pulled', 'image pulled');
    recorder.event(pod, 'Normal', 'Pulled', 'another image pulled');
    clock.now += 11 * 60_000;
    recorder.event(pod, 'Normal', 'Pulled', 'image pulled');
    await recorder.flush();
    assert.deepEqual(
      client.writes.map((w) => w.verb),
      ['create', 'create', 'create'],
    );
  });

  it('rate-limits per object: a burst of 25, then one per refill interval', async () => {
    const client = new FakeApiClient();
    const clock = { now: 0 };
    const recorder = recorderOn(client, clock, { spamRefillMs: 5000 });
    const other: KubeObject = { ...pod, metadata: { ...pod.metadata, name: 'web-2', uid: 'uid-web-2' } };
    for (let i = 0; i < 30; i++) recorder.event(pod, 'Normal', 'Tick', `tick ${i}`);
    recorder.event(other, 'Normal', 'Tick', 'another object has its own bucket');
    clock.now += 5000;
    recorder.event(pod, 'Normal', 'Tick', 'after one refill');
    recorder.event(pod, 'Normal', 'Tick', 'still limited');
    await recorder.flush();
    assert.equal(client.writes.length, 25 + 1 + 1);
    assert.equal(recorder.droppedCount, 5 + 1);
  });

  it('retries transient failures, drops after the last try, and never throws into the caller', async () => {
    const client = new FakeApiClient();
    const recorder = recorderOn(client, { now: 0 }, { maxAttempts: 3 });
    client.writeFailures.push(new Error('ECONNRESET'), ApiError.internal('boom'));
    recorder.event(pod, 'Normal', 'Created', 'retried');
    await recorder.flush();
    assert.equal(client.writes.length, 1);
    assert.equal(recorder.droppedCount, 0);

    client.writeFailures.push(new Error('a'), new Error('b'), new Error('c'));
    recorder.event(pod, 'Normal', 'Created', 'given up');
    await recorder.flush();
    assert.equal(client.writes.length, 1);
    assert.equal(recorder.droppedCount, 1);

    client.writeFailures.push(ApiError.forbidden('events are forbidden'));
    recorder.event(pod, 'Normal', 'Created', 'not retried');
    await recorder.flush();
    assert.equal(recorder.droppedCount, 2);
    assert.equal(client.writeFailures.length, 0);
  });

  it('creates the Event again when the patch finds it expired', async () => {
    const client = new FakeApiClient();
    const recorder = recorderOn(client, { now: 0 });
    recorder.event(pod, 'Normal', 'Synced', 'synced');
    await recorder.flush();
    client.writeFailures.push(ApiError.notFound({ kind: 'events', name: 'x' }));
    recorder.event(pod, 'Normal', 'Synced', 'synced');
    await recorder.flush();
    assert.deepEqual(
      client.writes.map((w) => `${w.verb} ${(w.body as { count?: number }).count}`),
      ['create 1', 'create 2'],
    );
  });

  it('puts events about cluster-scoped objects in the default namespace', async () => {
    const client = new FakeApiClient();
    const recorder = recorderOn(client, { now: 0 });
    recorder.event({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'u' } }, 'Normal', 'Ready', 'ready');
    await recorder.flush();
    assert.equal(client.writes[0].namespace, 'default');
    assert.equal(
      (client.writes[0].body as { involvedObject: { namespace?: string } }).involvedObject.namespace,
      undefined,
    );
  });
});
