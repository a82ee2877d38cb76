import { expect, test } from '@playwright/test';
import { Backend, waitFor } from './backend';
import { card, elementScreenshot, entityTabs, signInAsGuest } from './helpers';

type LiveService = {
  entityRef: string;
  pods: number;
  drift: string;
};

/**
 * The live state comes from the fixture clusters (dev/fixtureClusters.js,
 * app-config.live.yaml): it is written by the sweep, so wait for a sweep that
 * saw payments-api's pods (triggering one if the first ran before the
 * catalog had the service).
 */
test.beforeAll(async ({ baseURL }) => {
  const backend = new Backend(baseURL ?? 'http://localhost:7007');
  let lastTrigger = 0;
  await waitFor(
    "the live pass to see payments-api's pods",
    async () => {
      const page = await backend.json<{ items: LiveService[] }>(
        '/api/mesh-advisor/live/services?limit=500',
      );
      const payments = page.items.find(
        s => s.entityRef === 'component:default/payments-api',
      );
      if (payments && payments.pods > 0) return true;
      if (Date.now() - lastTrigger > 15_000) {
        await backend.triggerSweep();
        lastTrigger = Date.now();
      }
      return false;
    },
    90_000,
  );
});

test('payments-api: actual state beside recommended and decided, with a drift and its evidence', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/payments-api');
  await entityTabs(page).getByRole('link', { name: 'Mesh' }).click();

  const actual = card(page, 'Actual mesh');
  await expect(actual).toBeVisible();
  // it runs Linkerd (west cluster, Linkerd's native sidecar), which has a
  // hard blocker for its jwt-auth requirement; Istio sidecar is recommended
  await expect(actual.getByText('Blocked mesh', { exact: true })).toBeVisible();
  await expect(actual).toContainText('Requires jwt-auth');
  const column = (label: string) =>
    actual.getByRole('heading', { name: label, exact: true }).locator('..');
  await expect(column('Actual')).toContainText('Linkerd');
  await expect(column('Actual')).toContainText('1 of 1 pods meshed (100%)');
  await expect(column('Recommended')).toContainText('Istio sidecar');
  await expect(actual).toContainText('Clusters: west');
  const evidence = actual.getByRole('table', {
    name: 'Pods and the evidence for their mesh',
  });
  await expect(evidence).toContainText('linkerd-native-sidecar');

  // the summary stays in the first screen above it
  const summary = (await page
    .getByTestId('recommendation-summary')
    .boundingBox())!;
  expect(summary.y + summary.height).toBeLessThanOrEqual(900);

  await elementScreenshot(actual, 'actual-state.png');
});

test('cart-service: requires mTLS and runs no mesh', async ({ page }) => {
  await signInAsGuest(page, '/catalog/default/component/cart-service/mesh');
  const actual = card(page, 'Actual mesh');
  await expect(
    actual.getByText('Unmeshed but required', { exact: true }),
  ).toBeVisible();
  await expect(
    actual.getByRole('heading', { name: 'Actual', exact: true }).locator('..'),
  ).toContainText('No mesh');
});

test('overview: the actual-mesh column, coverage by mesh and the drift filter', async ({
  page,
}) => {
  await signInAsGuest(page, '/mesh-advisor/services?q=payments-api');
  const table = page.getByRole('table', { name: 'Services' });
  await expect(
    table.getByRole('columnheader', { name: 'Actual mesh' }),
  ).toBeVisible();
  const row = table
    .locator('tbody tr')
    .filter({ has: page.getByRole('link', { name: 'payments-api' }) });
  await expect(row.locator('td[data-col=actual]')).toContainText('Linkerd');
  await expect(row.locator('td[data-col=actual]')).toContainText(
    'Blocked mesh',
  );

  const coverage = card(page, 'Actual mesh coverage');
  await expect(coverage.getByTestId('coverage-summary')).toContainText(
    /\d+ of \d+ services meshed \(\d+%\) · \d+ of 16 pods meshed/,
  );
  await expect(
    coverage.getByRole('table', { name: 'Coverage by actual mesh' }),
  ).toContainText('Linkerd');
  await coverage
    .getByRole('button', { name: /^Blocked mesh \(\d+\)$/ })
    .click();
  await expect(page).toHaveURL(/drift=blocked-mesh/);
  const list = coverage.getByRole('table', {
    name: 'In drift state Blocked mesh',
  });
  await expect(list.getByRole('link', { name: 'payments-api' })).toBeVisible();
  await elementScreenshot(coverage, 'coverage.png');
});
