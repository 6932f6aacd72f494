import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { KubeObject } from '#api';
import { startTestApiserver, type TestApiserver } from '#testing';
import { EventRecorder } from './event-recorder.js';
import { HttpApiClient } from './http-api-client.js';
import { testFixtures } from './test-fixtures.js';

interface EventObject extends KubeObject {
  count: number;
  reason: string;
  type: string;
  involvedObject: { uid: string; name: string };
  firstTimestamp: string;
  lastTimestamp: string;
}

describe('EventRecorder against a real apiserver', () => {
  let server: TestApiserver;
  let client: HttpApiClient;

  before(async () => {
    server = await startTestApiserver();
    client = new HttpApiClient({ server: server.url, caPem: server.caPem, token: server.token });
  });
  after(async () => {
    client?.close();
    await server?.stop();
  });

  it('records the same event five times as one Event with count 5', async () => {
    const subject = await client.create(testFixtures.type('configmaps'), testFixtures.configMap('subject'));
    const recorder = new EventRecorder(client, { component: 'test-controller', logger: pino({ level: 'silent' }) });
    for (let i = 0; i < 5; i++) recorder.event(subject, 'Warning', 'FailedSync', 'could not sync');
    recorder.event(subject, 'Normal', 'Synced', 'synced');
    await recorder.flush();
    assert.equal(recorder.droppedCount, 0);

    const events = (await client.list<EventObject>(testFixtures.type('events'), { namespace: 'default' })).items.filter(
      (e) => e.involvedObject.uid === subject.metadata.uid,
    );
    assert.deepEqual(events.map((e) => `${e.type} ${e.reason} x${e.count}`).sort(), [
      'Normal Synced x1',
      'Warning FailedSync x5',
    ]);
    const failed = events.find((e) => e.reason === 'FailedSync')!;
    assert.equal(failed.involvedObject.name, 'subject');
    assert.ok(failed.firstTimestamp <= failed.lastTimestamp);
  });
});
