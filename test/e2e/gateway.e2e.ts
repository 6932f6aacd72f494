import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApiserver, type TestApiserver } from '#testing';
import { StreamClient } from '../../apps/gateway/src/testing/stream-client.js';
import { startTestGateway, type TestGateway } from '../../apps/gateway/src/testing/test-gateway.js';

interface Obj {
  metadata: { name: string; namespace?: string; resourceVersion: string; labels?: Record<string, string> };
}
interface ChangeEvent {
  type: string;
  object: Obj;
}

/** Every event name delivered for watch `id`, in order: "ADDED cm-1", ... */
function eventsOf(client: StreamClient, id: string): string[] {
  return client
    .about(id, 'changes')
    .flatMap((r) => (r.payload['events'] as ChangeEvent[]).map((e) => `${e.type} ${e.object.metadata.name}`));
}

function syncedNames(client: StreamClient, id: string): string[] {
  const syncs = client.about(id, 'sync');
  const items = (syncs[syncs.length - 1]?.payload['items'] ?? []) as Obj[];
  return items.map((o) => o.metadata.name).sort();
}

function lastRv(client: StreamClient, id: string): string {
  const messages = client.about(id).filter((r) => r.event === 'sync' || r.event === 'changes');
  return messages[messages.length - 1].payload['resourceVersion'] as string;
}

describe('gateway (socket.io against a real apiserver)', () => {
  let api: TestApiserver;
  let gateway: TestGateway;

  const json = async (method: string, path: string, body?: unknown) => {
    const reply = await api.request({
      method,
      path,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json' },
    });
    assert.ok(reply.status < 300, `${method} ${path}: ${reply.status} ${reply.body}`);
    return JSON.parse(reply.body) as Obj;
  };
  const configMap = (namespace: string, name: string, labels: Record<string, string> = {}, data = {}) =>
    json('POST', `/api/v1/namespaces/${namespace}/configmaps`, { metadata: { name, labels }, data });

  before(async () => {
    api = await startTestApiserver({ KUBENEST_WATCH_HISTORY: '200' });
    gateway = await startTestGateway(api.kubeconfigPath, { KUBENEST_GATEWAY_REPLAY_EVENTS: '40' });
    for (const ns of ['team-a', 'team-b']) await json('POST', '/api/v1/namespaces', { metadata: { name: ns } });
  });
  after(async () => {
    await gateway?.stop();
    await api?.stop();
  });

  it('refuses a handshake without a token or with a bad one: connect_error Unauthorized with the reason', async () => {
    await assert.rejects(
      StreamClient.connect(gateway.url, undefined),
      (error: Error & { data?: { reason: string } }) => {
        assert.equal(error.message, 'Unauthorized');
        assert.match(error.data!.reason, /no bearer token/);
        return true;
      },
    );
    await assert.rejects(
      StreamClient.connect(gateway.url, 'not-a-token'),
      (error: Error & { data?: { reason: string } }) => {
        assert.equal(error.message, 'Unauthorized');
        assert.match(error.data!.reason, /invalid bearer token/);
        return true;
      },
    );
    // Over HTTP long-polling too (what a browser falls back to).
    await assert.rejects(StreamClient.connect(gateway.url, 'not-a-token', ['polling']), /Unauthorized/);
  });

  it('answers bad requests with a 400 ack naming the field, and unknown resources with 404', async () => {
    const client = await StreamClient.connect(gateway.url, api.token);
    try {
      const noId = await client.request<{ ok: boolean; error: { code: number; message: string } }>('watch', {
        resource: 'pods',
      });
      assert.equal(noId.ok, false);
      assert.equal(noId.error.code, 400);
      assert.match(noId.error.message, /id: Required value/);
      const badSelector = await client.request<{ ok: boolean; error: { code: number; message: string } }>('watch', {
        id: 'x',
        resource: 'pods',
        fieldSelector: 'spec.color=blue',
      });
      assert.equal(badSelector.error.code, 400);
      assert.match(badSelector.error.message, /field label not supported: spec.color/);
      const unknown = await client.request<{ ok: boolean; error: { code: number } }>('watch', {
        id: 'y',
        resource: 'gizmos',
      });
      assert.equal(unknown.error.code, 404);
      // The connection keeps working after refused requests.
      assert.equal((await client.request<{ ok: boolean }>('watch', { id: 'x', resource: 'namespaces' })).ok, true);
    } finally {
      client.close();
    }
  });

  it('filters by namespace, label selector and field selector, with sync then changes', async () => {
    await configMap('team-a', 'before-web', { app: 'web' });
    await configMap('team-b', 'before-other', { app: 'db' });
    const client = await StreamClient.connect(gateway.url, api.token);
    try {
      const acks = await Promise.all([
        client.request('watch', { id: 'ns', resource: 'configmaps', namespace: 'team-a' }),
        client.request('watch', { id: 'label', resource: 'configmaps', labelSelector: 'app=web' }),
        client.request('watch', { id: 'field', resource: 'configmaps', fieldSelector: 'metadata.name=target' }),
        client.request('watch', { id: 'all', resource: 'configmaps' }),
      ]);
      for (const ack of acks) assert.equal(ack['ok'], true, JSON.stringify(ack));
      await client.until('four syncs', () => client.received.filter((r) => r.event === 'sync').length === 4);
      assert.deepEqual(syncedNames(client, 'ns'), ['before-web']);
      assert.deepEqual(syncedNames(client, 'label'), ['before-web']);
      assert.deepEqual(syncedNames(client, 'field'), []);
      assert.deepEqual(syncedNames(client, 'all'), ['before-other', 'before-web']);

      await configMap('team-a', 'a-db', { app: 'db' });
      await configMap('team-b', 'target', { app: 'web' });
      await configMap('team-b', 'b-web', { app: 'web' });
      // Leaving the selector shows up as DELETED for the label subscriber, as a Kubernetes watch does.
      await json('PATCH', '/api/v1/namespaces/team-b/configmaps/b-web', { metadata: { labels: { app: 'db' } } });
      await json('DELETE', '/api/v1/namespaces/team-a/configmaps/a-db');

      await client.until('all five changes', () => eventsOf(client, 'all').length === 5);
      await client.until('label changes', () => eventsOf(client, 'label').length === 3);
      assert.deepEqual(eventsOf(client, 'all'), [
        'ADDED a-db',
        'ADDED target',
        'ADDED b-web',
        'MODIFIED b-web',
        'DELETED a-db',
      ]);
      assert.deepEqual(eventsOf(client, 'ns'), ['ADDED a-db', 'DELETED a-db']);
      assert.deepEqual(eventsOf(client, 'label'), ['ADDED target', 'ADDED b-web', 'DELETED b-web']);
      assert.deepEqual(eventsOf(client, 'field'), ['ADDED target']);
      // Each batch names the resourceVersion of its last event, increasing.
      const rvs = client.about('all', 'changes').map((r) => Number(r.payload['resourceVersion']));
      assert.deepEqual(
        rvs,
        [...rvs].sort((a, b) => a - b),
      );
    } finally {
      client.close();
    }
  });

  /** Subscribes, sees `before`, disconnects, lets `during` happen, resumes from the last rv: exactly `during`. */
  async function resumeAcross(
    first: string,
    second: string,
    namespace: string,
    during: (index: number) => Promise<unknown>,
    count: number,
  ) {
    const one = await StreamClient.connect(first, api.token);
    await one.request('watch', { id: 'cms', resource: 'configmaps', namespace });
    await one.until('sync', () => one.about('cms', 'sync').length === 1);
    await configMap(namespace, 'seen-before');
    await one.until('the change before disconnecting', () => eventsOf(one, 'cms').includes('ADDED seen-before'));
    const resumeFrom = lastRv(one, 'cms');
    one.close();

    for (let i = 0; i < count; i++) await during(i);
    const two = await StreamClient.connect(second, api.token);
    try {
      const ack = await two.request<{ ok: boolean; resourceVersion: string }>('watch', {
        id: 'cms',
        resource: 'configmaps',
        namespace,
        resourceVersion: resumeFrom,
      });
      assert.equal(ack.ok, true);
      await configMap(namespace, 'after-resume');
      await two.until('the change after resuming', () => eventsOf(two, 'cms').includes('ADDED after-resume'));
      assert.equal(two.about('cms', 'sync').length, 0, 'a resume sends no snapshot');
      assert.equal(two.about('cms', 'resync').length, 0);
      return eventsOf(two, 'cms');
    } finally {
      two.close();
    }
  }

  it('resumes after a disconnect from the last resourceVersion: nothing missed, nothing twice', async () => {
    const received = await resumeAcross(
      gateway.url,
      gateway.url,
      'default',
      (i) => configMap('default', `gap-${i}`),
      5,
    );
    assert.deepEqual(received, [...Array.from({ length: 5 }, (_, i) => `ADDED gap-${i}`), 'ADDED after-resume']);
  });

  it('resumes from before its replay window through an upstream watch from that resourceVersion', async () => {
    await json('POST', '/api/v1/namespaces', { metadata: { name: 'window' } });
    // 60 changes > the gateway's 40-event window, < the apiserver's 200-change history.
    const received = await resumeAcross(gateway.url, gateway.url, 'window', (i) => configMap('window', `w-${i}`), 60);
    assert.deepEqual(received, [...Array.from({ length: 60 }, (_, i) => `ADDED w-${i}`), 'ADDED after-resume']);
  });

  it('answers a resourceVersion the apiserver no longer has with resync Expired, then a fresh sync', async () => {
    await json('POST', '/api/v1/namespaces', { metadata: { name: 'expired' } });
    const first = await configMap('expired', 'first');
    // More changes than the apiserver's 200-change history: resourceVersion `first` is compacted.
    await configMap('expired', 'churn');
    for (let i = 0; i < 220; i++)
      await json('PATCH', '/api/v1/namespaces/expired/configmaps/churn', { data: { i: String(i) } });
    const client = await StreamClient.connect(gateway.url, api.token);
    try {
      const ack = await client.request<{ ok: boolean }>('watch', {
        id: 'old',
        resource: 'configmaps',
        namespace: 'expired',
        resourceVersion: first.metadata.resourceVersion,
      });
      assert.equal(ack.ok, true);
      await client.until('a sync after the resync', () => client.about('old', 'sync').length === 1);
      const order = client.about('old').map((r) => r.event);
      assert.deepEqual(order.slice(0, 2), ['resync', 'sync']);
      assert.equal(client.about('old', 'resync')[0].payload['reason'], 'Expired');
      assert.deepEqual(syncedNames(client, 'old'), ['churn', 'first']);
    } finally {
      client.close();
    }
  });

  it('two gateway instances serve the same streams: a client resumes on the other one without gap or duplicate', async () => {
    const second = await startTestGateway(api.kubeconfigPath);
    try {
      await json('POST', '/api/v1/namespaces', { metadata: { name: 'two' } });
      const received = await resumeAcross(gateway.url, second.url, 'two', (i) => configMap('two', `moved-${i}`), 5);
      assert.deepEqual(received, [...Array.from({ length: 5 }, (_, i) => `ADDED moved-${i}`), 'ADDED after-resume']);
    } finally {
      await second.stop();
    }
  });

  it('streams metrics.k8s.io samples (none here: this apiserver has no nodes; real ones in the dashboard tests)', async () => {
    const client = await StreamClient.connect(gateway.url, api.token);
    try {
      const ack = await client.request<{ ok: boolean }>('metrics', { id: 'top', kind: 'nodes' });
      assert.equal(ack.ok, true);
      const [message] = await client.until('a metrics message', () => {
        const messages = client.about('top', 'metrics');
        return messages.length > 0 && messages;
      });
      assert.deepEqual(message.payload['samples'], []);
      assert.equal(typeof message.payload['timestamp'], 'string');
      assert.deepEqual(client.about('top', 'subscription-error'), []);
    } finally {
      client.close();
    }
  });

  it('proxies /api and /apis with the caller’s Authorization, streams watches, and refuses a caller without one', async () => {
    const auth = { Authorization: `Bearer ${api.token}` };
    const list = await fetch(`${gateway.url}/api/v1/namespaces/team-a/configmaps`, { headers: auth });
    assert.equal(list.status, 200);
    const names = ((await list.json()) as { items: Obj[] }).items.map((o) => o.metadata.name);
    assert.ok(names.includes('before-web'));
    const anonymous = await fetch(`${gateway.url}/api/v1/namespaces`);
    assert.equal(anonymous.status, 401, 'the gateway adds no identity of its own');
    const scaled = await fetch(`${gateway.url}/api/v1/namespaces/team-a/configmaps`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'via-proxy' } }),
    });
    assert.equal(scaled.status, 201);

    // A watch through the proxy streams events as they happen.
    const abort = new AbortController();
    const watch = await fetch(
      `${gateway.url}/api/v1/namespaces/team-a/configmaps?watch=true&resourceVersion=${((await scaled.json()) as Obj).metadata.resourceVersion}`,
      {
        headers: auth,
        signal: abort.signal,
      },
    );
    assert.equal(watch.status, 200);
    const reader = watch.body!.getReader();
    await configMap('team-a', 'watched-through-proxy');
    let text = '';
    while (!text.includes('\n')) text += new TextDecoder().decode((await reader.read()).value);
    const event = JSON.parse(text.split('\n')[0]) as ChangeEvent;
    assert.deepEqual([event.type, event.object.metadata.name], ['ADDED', 'watched-through-proxy']);
    abort.abort();
  });

  it('serves a page saying the dashboard is not built, and its own health and metrics', async () => {
    const page = await fetch(`${gateway.url}/pods/some-client-route`);
    assert.equal(page.status, 503);
    assert.match(await page.text(), /dashboard has not been built/);
    assert.equal((await fetch(`${gateway.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${gateway.url}/readyz`)).status, 200);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    assert.match(metrics, /kubenest_gateway_watch_events_sent_total\{resource="configmaps"\} [1-9]/);
    assert.match(metrics, /kubenest_gateway_auth_failures_total\{reason="invalid"\} [1-9]/);
    assert.match(metrics, /kubenest_gateway_resyncs_total\{reason="Expired"\} [1-9]/);
  });
});
