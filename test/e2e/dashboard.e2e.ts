import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dockerUnavailable, kubectl, kubectlPath } from '#testing';
import { launchTestBrowser, type TestBrowser } from '../support/browser.js';
import { startDashboardStack, type DashboardStack } from '../support/browser-stack.js';
import { signIn, podRows, WAIT, waitForReadyPods } from '../support/dashboard-page.js';

const skip = !kubectlPath ? 'kubectl is not on this machine' : dockerUnavailable;

// The dashboard end to end: kubenest up, the gateway serving the Vite build, Debian's
// Chromium driven by playwright-core, the real kubectl and real containers.
describe('dashboard in a browser', { skip }, () => {
  let stack: DashboardStack;
  let browser: TestBrowser;
  const ok = (...args: string[]) => {
    const r = kubectl(stack.cluster.kubeconfigPath, args);
    assert.equal(r.status, 0, `kubectl ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
    return r.stdout;
  };

  before(async () => {
    stack = await startDashboardStack();
    browser = await launchTestBrowser('dashboard');
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('refuses a bad token with a clear error on the login form', async () => {
    const page = await browser.newPage();
    await page.goto(stack.url);
    await page.getByLabel('Token').fill('not-a-valid-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.getByRole('alert');
    await error.waitFor(WAIT);
    assert.match(await error.innerText(), /refused the token/);
    // Back on the login form, with nothing kept of the refused token.
    assert.equal(await page.getByLabel('Token').isVisible(), true);
    assert.equal(await page.evaluate('sessionStorage.getItem("kubenest.token")'), null);
    await browser.screenshot(page, 'bad-token');
    await page.close();
  });

  it(
    'shows a Deployment created with kubectl, scales it from the UI, and tails a pod log, all without reload',
    WAIT,
    async () => {
      const page = await browser.newPage();
      await signIn(page, stack.url, stack.adminToken);
      // A mark on the window: still there at the end means the page never reloaded.
      await page.evaluate('window.loadedOnce = "yes"');
      await page.goto(`${stack.url}/#/pods`);

      ok('create', 'deployment', 'web', '--image=localhost:5000/microservice:1.0', '--replicas=2');
      await waitForReadyPods(page, 'default/web-', 2);
      await browser.screenshot(page, 'pods-ready');

      await page.getByRole('link', { name: 'Workloads' }).click();
      await page.getByRole('button', { name: 'Scale deployment/web' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Replicas').fill('4');
      await browser.screenshot(page, 'scale-dialog');
      await dialog.getByRole('button', { name: 'Scale' }).click();
      await page.getByRole('status').filter({ hasText: 'deployment/web scaled to 4' }).waitFor(WAIT);
      assert.equal(ok('get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}'), '4');
      await page.locator('tr[data-name="web"] [data-col="ready"]').filter({ hasText: '4' }).waitFor(WAIT);
      await browser.screenshot(page, 'workloads-scaled');

      await page.getByRole('link', { name: 'Pods' }).click();
      await waitForReadyPods(page, 'default/web-', 4);
      const rows = await podRows(page, 'default/web-');
      assert.equal(rows.length, 4);

      const podName = rows[0].key.split('/')[1];
      await page.getByRole('link', { name: `Logs of ${podName}` }).click();
      await page
        .locator('.log-line')
        .filter({ hasText: `listening on :3000 as ${podName}` })
        .waitFor(WAIT);
      await browser.screenshot(page, 'pod-logs');

      await page.getByRole('link', { name: 'Overview' }).click();
      await page.locator('.node-card').first().waitFor(WAIT);
      await browser.screenshot(page, 'overview');
      assert.equal(await page.evaluate('window.loadedOnce'), 'yes', 'the page reloaded');
      await page.close();
    },
  );

  it(
    'lists 5,000 pods while drawing only a window of rows, and follows changes to them',
    { timeout: 600_000 },
    async () => {
      const total = 5000;
      ok('create', 'namespace', 'bulk');
      // A node object with no agent behind it: its pods are never started, and they tolerate
      // the taints it gets once its (absent) heartbeat goes stale, so nothing evicts them.
      const node = await stack.cluster.request({
        method: 'POST',
        path: '/api/v1/nodes',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'hollow-node' } }),
      });
      assert.equal(node.status, 201, node.body);
      const names = Array.from({ length: total }, (_, i) => `filler-${String(i).padStart(5, '0')}`);
      const tolerate = (key: string) => ({ key, operator: 'Exists', effect: 'NoExecute' });
      for (let i = 0; i < names.length; i += 25) {
        await Promise.all(
          names.slice(i, i + 25).map(async (name) => {
            const res = await stack.cluster.request({
              method: 'POST',
              path: '/api/v1/namespaces/bulk/pods',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({
                apiVersion: 'v1',
                kind: 'Pod',
                metadata: { name, labels: { app: 'filler' } },
                spec: {
                  nodeName: 'hollow-node',
                  containers: [{ name: 'pause', image: 'localhost:5000/pause:3.10' }],
                  tolerations: [tolerate('node.kubernetes.io/unreachable'), tolerate('node.kubernetes.io/not-ready')],
                },
              }),
            });
            assert.equal(res.status, 201, res.body);
          }),
        );
      }

      const page = await browser.newPage();
      await signIn(page, stack.url, stack.adminToken);
      await page.goto(`${stack.url}/#/pods`);
      await page.getByLabel('Namespace').selectOption('bulk');
      const count = page.getByTestId('pod-count');
      await count.filter({ hasText: `${total} pods` }).waitFor(WAIT);
      const drawn = () => page.locator('.vtable-body .vtable-row').count();
      const firstWindow = await drawn();
      assert.ok(firstWindow > 0 && firstWindow < 100, `${firstWindow} rows in the DOM for ${total} pods`);
      assert.equal(await page.locator('.vtable').getAttribute('aria-rowcount'), String(total + 1));
      await browser.screenshot(page, 'pods-5000');

      // Scrolling to the end draws the last pods, still only a window of rows.
      await page.locator('.vtable-body').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.locator('.vtable-row[data-key="bulk/filler-04999"]').waitFor(WAIT);
      const lastWindow = await drawn();
      assert.ok(lastWindow < 100, `${lastWindow} rows in the DOM after scrolling`);
      await browser.screenshot(page, 'pods-5000-end');

      // A change arrives live among the 5,000.
      ok('delete', 'pod', '-n', 'bulk', 'filler-04999', '--grace-period=0', '--force', '--wait=false');
      await count.filter({ hasText: `${total - 1} pods` }).waitFor(WAIT);
      await page.locator('.vtable-row[data-key="bulk/filler-04999"]').waitFor({ state: 'detached', ...WAIT });
      await page.close();
    },
  );
});
