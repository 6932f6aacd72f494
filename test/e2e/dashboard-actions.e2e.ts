import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WebSocketRoute } from 'playwright-core';
import { setTimeout as sleep } from 'node:timers/promises';
import { dockerUnavailable, kubectl, kubectlPath, searchEngineUnavailable } from '#testing';
import { launchTestBrowser, type TestBrowser } from '../support/browser.js';
import { startDashboardStack, type DashboardStack } from '../support/browser-stack.js';
import { podRows, signIn, WAIT, waitForPodRows, waitForReadyPods } from '../support/dashboard-page.js';

const skip = !kubectlPath ? 'kubectl is not on this machine' : dockerUnavailable;
const noEngine = await searchEngineUnavailable();

// The dashboard's actions, metrics, log search and reconnects against a real `kubenest up`,
// in Debian's Chromium, each effect checked with the real kubectl.
describe('dashboard actions in a browser', { skip }, () => {
  let stack: DashboardStack;
  let browser: TestBrowser;
  const ok = (...args: string[]) => {
    const r = kubectl(stack.cluster.kubeconfigPath, args);
    assert.equal(r.status, 0, `kubectl ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  const podNames = (selector: string) =>
    ok('get', 'pods', '-l', selector, '-o', 'jsonpath={.items[*].metadata.name}').split(' ').filter(Boolean).sort();
  /** Confirms the open dialog and waits for the status line's note. */
  const confirmDialog = async (page: import('playwright-core').Page, button: string, note: string | RegExp) => {
    await page.getByRole('dialog').getByRole('button', { name: button }).click();
    await page.getByRole('status').filter({ hasText: note }).waitFor(WAIT);
  };

  before(async () => {
    // Samples every 2 s (node agent) and polls every 2 s (gateway) instead of 10: usage shows up sooner.
    stack = await startDashboardStack({
      KUBENEST_METRICS_INTERVAL_SECONDS: '2',
      KUBENEST_GATEWAY_METRICS_INTERVAL_SECONDS: '2',
    });
    browser = await launchTestBrowser('dashboard-actions');
    ok('create', 'deployment', 'api', '--image=localhost:5000/microservice:1.0', '--replicas=2');
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows real node usage and pod memory from the metrics API', WAIT, async () => {
    const page = await browser.newPage();
    await signIn(page, stack.url, stack.adminToken);
    await page.goto(`${stack.url}/#/nodes`);
    const memory = page.locator('.node-card [role="meter"][aria-label="Memory usage"]');
    await memory.waitFor(WAIT);
    const percent = Number(await memory.getAttribute('aria-valuenow'));
    assert.ok(percent > 0 && percent <= 100, `memory usage ${percent}%`);
    const text = await page.locator('.node-card .usage').filter({ hasText: 'Memory' }).innerText();
    assert.match(text, new RegExp(`\\(${percent}%\\)`), text);
    const cpu = page.locator('.node-card [role="meter"][aria-label="CPU usage"]');
    assert.match((await cpu.getAttribute('aria-valuenow')) ?? '', /^\d+$/);
    await browser.screenshot(page, 'node-usage');

    await page.getByRole('link', { name: 'Pods' }).click();
    const rows = await waitForPodRows(
      page,
      'default/api-',
      'memory figures for both api pods',
      (r) => r.length === 2 && r.every((row) => /^\d+(\.\d+)?(Ki|Mi|Gi)?$/.test(row.memory)),
    );
    assert.equal(rows.length, 2);
    await browser.screenshot(page, 'pod-usage');
    await page.close();
  });

  it("searches a pod's lines through the pipeline, and links the same query to Kibana", WAIT, async () => {
    const page = await browser.newPage();
    await signIn(page, stack.url, stack.adminToken);
    const [pod] = podNames('app=api');
    const query = `kubernetes.pod_name:"${pod}"`;
    await page.getByLabel('Search logs').fill(query);
    await page.getByLabel('Search logs').press('Enter');
    if (noEngine) {
      // Without Java 21+ and Maven the cluster has no engine: the page says so instead of failing.
      await page.getByTestId('search-unavailable').waitFor(WAIT);
      assert.match(await page.getByTestId('search-unavailable').innerText(), /not available: .*search engine/);
    } else {
      // Shipping takes a moment after the pod starts: search again until its start-up line is there.
      const results = page.locator('.search-results');
      for (;;) {
        await page.getByTestId('search-count').or(page.getByTestId('search-unavailable')).first().waitFor(WAIT);
        if ((await results.count()) > 0 && (await results.innerText()).includes('listening on :3000')) break;
        await sleep(1000);
        await page.getByRole('button', { name: 'Search', exact: true }).first().click();
      }
      assert.match(await page.getByTestId('search-count').innerText(), /^[1-9]\d* of [1-9]\d* matching lines/);
      assert.match(await results.innerText(), new RegExp(`default/${pod}`));
    }
    const kibana = page.getByRole('link', { name: /Open in Kibana/ });
    const href = new URL((await kibana.getAttribute('href')) ?? '');
    assert.equal(`${href.origin}${href.pathname}`, 'http://localhost:5601/app/discover');
    const state = new URLSearchParams(href.hash.replace(/^#\/\?/, ''));
    assert.match(state.get('_a') ?? '', /index:kubenest-logs/);
    assert.ok((state.get('_a') ?? '').includes(`query:(language:lucene,query:'${query}')`), state.get('_a') ?? '');
    await browser.screenshot(page, 'log-search');

    // A pod's logs in search mode: the pod's filters filled in.
    await page.goto(`${stack.url}/#/logs/default/${pod}`);
    await page.getByRole('button', { name: 'Search', exact: true }).first().click();
    assert.equal(await page.getByLabel('Pod').inputValue(), pod);
    await page.close();
  });

  it('restarts a Deployment: every pod is replaced', WAIT, async () => {
    const page = await browser.newPage();
    await signIn(page, stack.url, stack.adminToken);
    await page.goto(`${stack.url}/#/pods`);
    await waitForReadyPods(page, 'default/api-', 2);
    const before = podNames('app=api');

    await page.getByRole('link', { name: 'Workloads' }).click();
    await page.getByRole('button', { name: 'Restart deployment/api' }).click();
    await browser.screenshot(page, 'restart-dialog');
    await confirmDialog(page, 'Restart', 'deployment/api restarted');
    assert.match(
      ok('get', 'deployment', 'api', '-o', 'jsonpath={.spec.template.metadata.annotations}'),
      /kubectl\.kubernetes\.io\/restartedAt/,
    );

    await page.getByRole('link', { name: 'Pods' }).click();
    await waitForPodRows(
      page,
      'default/api-',
      'two ready api pods, none of them from before the restart',
      (rows) =>
        rows.length === 2 &&
        rows.every((r) => r.ready === '1/1' && r.text.includes('Running') && !before.includes(r.key.split('/')[1])),
    );
    const after = podNames('app=api');
    assert.equal(after.length, 2);
    assert.ok(
      after.every((name) => !before.includes(name)),
      `before ${before}, after ${after}`,
    );
    await page.close();
  });

  it('undoes `kubectl set image` as `kubectl rollout undo` does', WAIT, async () => {
    const page = await browser.newPage();
    await signIn(page, stack.url, stack.adminToken);
    const image = () => ok('get', 'deployment', 'api', '-o', 'jsonpath={.spec.template.spec.containers[0].image}');
    ok('set', 'image', 'deployment/api', 'microservice=localhost:5000/microservice:2.0');
    ok('rollout', 'status', 'deployment/api', '--timeout=120s');
    assert.equal(image(), 'localhost:5000/microservice:2.0');
    const revision = () =>
      ok('get', 'deployment', 'api', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}');
    const revisionBefore = Number(revision());

    await page.goto(`${stack.url}/#/workloads`);
    await page.getByRole('button', { name: 'Roll back deployment/api' }).click();
    await confirmDialog(page, 'Roll back', /deployment\/api rolled back to revision \d+/);
    assert.equal(image(), 'localhost:5000/microservice:1.0');
    ok('rollout', 'status', 'deployment/api', '--timeout=120s');
    // As with kubectl, the rollback is a new revision, and the pods run the previous image again.
    assert.ok(Number(revision()) > revisionBefore, `revision ${revision()} after ${revisionBefore}`);
    const images = ok('get', 'pods', '-l', 'app=api', '-o', 'jsonpath={.items[*].spec.containers[0].image}');
    assert.deepEqual([...new Set(images.split(' '))], ['localhost:5000/microservice:1.0']);
    await page.locator('tr[data-name="api"]').filter({ hasText: 'rolled out' }).waitFor(WAIT);
    await browser.screenshot(page, 'undo-done');
    await page.close();
  });

  it('cordons and uncordons a node', WAIT, async () => {
    const page = await browser.newPage();
    await signIn(page, stack.url, stack.adminToken);
    await page.goto(`${stack.url}/#/nodes`);
    const node = ok('get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}');
    const unschedulable = () => ok('get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}');
    assert.equal(unschedulable(), '');
    const card = page.locator(`.node-card[data-node="${node}"]`);

    await card.getByRole('button', { name: 'Cordon' }).click();
    await confirmDialog(page, 'Cordon', `node/${node} cordoned`);
    assert.equal(unschedulable(), 'true');
    assert.match(ok('get', 'node', node), /SchedulingDisabled/);
    await card.getByText('Cordoned').waitFor(WAIT);
    await browser.screenshot(page, 'cordoned');

    await card.getByRole('button', { name: 'Uncordon' }).click();
    await confirmDialog(page, 'Uncordon', `node/${node} uncordoned`);
    assert.equal(unschedulable(), '');
    await card.getByText('Cordoned').waitFor({ state: 'detached', ...WAIT });
    await page.close();
  });

  it('deletes a pod; its ReplicaSet replaces it', WAIT, async () => {
    const page = await browser.newPage();
    await signIn(page, stack.url, stack.adminToken);
    await page.goto(`${stack.url}/#/pods`);
    await waitForReadyPods(page, 'default/api-', 2);
    const [victim, survivor] = podNames('app=api');

    await page.getByRole('button', { name: `Delete ${victim}` }).click();
    await browser.screenshot(page, 'delete-dialog');
    await confirmDialog(page, 'Delete', `pod/${victim} deleted`);
    const rows = await waitForPodRows(
      page,
      'default/api-',
      `${victim} gone and two ready api pods`,
      (r) =>
        r.length === 2 &&
        !r.some((row) => row.key === `default/${victim}`) &&
        r.every((row) => row.ready === '1/1' && row.text.includes('Running')),
    );
    assert.ok(rows.some((r) => r.key === `default/${survivor}`));
    const now = podNames('app=api');
    assert.equal(now.length, 2);
    assert.ok(!now.includes(victim));
    await page.close();
  });

  it(
    'goes Reconnecting when the socket drops, then Live, with changes made meanwhile and no reload',
    WAIT,
    async () => {
      const page = await browser.newPage();
      // The page's socket.io WebSocket passes through this route, so the test can cut it.
      const sockets: WebSocketRoute[] = [];
      let blocked = false;
      await page.routeWebSocket(/\/socket\.io\//, (ws) => {
        if (blocked) return void ws.close({ code: 1006, reason: 'cut by the test' }).catch(() => undefined);
        ws.connectToServer();
        sockets.push(ws);
      });
      await signIn(page, stack.url, stack.adminToken);
      await page.evaluate('window.loadedOnce = "yes"');
      await page.goto(`${stack.url}/#/pods`);
      await waitForReadyPods(page, 'default/api-', 2);

      blocked = true;
      for (const ws of sockets.splice(0)) await ws.close({ code: 1001, reason: 'cut by the test' });
      await page.locator('.connection[data-state="reconnecting"], .connection[data-state="stale"]').waitFor(WAIT);
      await browser.screenshot(page, 'reconnecting');

      ok('scale', 'deployment/api', '--replicas=3');
      ok('rollout', 'status', 'deployment/api', '--timeout=120s');
      // Nothing arrives while cut off: the table still shows two pods.
      assert.equal((await podRows(page, 'default/api-')).length, 2);

      blocked = false;
      await page.locator('.connection[data-state="live"]').waitFor(WAIT);
      await waitForReadyPods(page, 'default/api-', 3);
      await browser.screenshot(page, 'reconnected');
      assert.equal(await page.evaluate('window.loadedOnce'), 'yes', 'the page reloaded');
      await page.close();
    },
  );
});
