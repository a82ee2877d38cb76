import { expect, test } from '@playwright/test';
import { Backend } from './backend';
import {
  card,
  fullPageScreenshot,
  servicesTable,
  sidebar,
  signInAsGuest,
} from './helpers';

test('overview: the platform pick, filter by recommendation, search, and back to a Mesh tab', async ({
  page,
  baseURL,
}) => {
  // What the backend computed in its sweep: the page must show the same.
  const summary = await new Backend(baseURL!).summary();
  const platformPick = summary.platform!.recommendation!;
  const linkerdCount = summary.byMesh.linkerd;
  expect(linkerdCount).toBeGreaterThan(0);
  expect(linkerdCount).toBeLessThan(summary.total);

  await signInAsGuest(page);
  await sidebar(page).getByRole('link', { name: 'Mesh Advisor' }).click();
  await expect(page).toHaveURL(/\/mesh-advisor$/);
  await expect(
    page.getByRole('heading', { name: 'Mesh Advisor', level: 1 }),
  ).toBeVisible();

  const pick = page
    .getByTestId('platform-recommendation')
    .locator('[data-mesh]');
  await expect(pick).toHaveAttribute('data-mesh', platformPick.mesh);
  await expect(pick).toHaveText(platformPick.name);
  await expect(card(page, `Services (${summary.total})`)).toBeVisible();

  const { rows, pager, recommendationCells } = servicesTable(page);
  // 38 example services: one page.
  await expect(pager).toHaveText(`1–${summary.total} of ${summary.total}`);
  await expect(rows).toHaveCount(summary.total);
  await fullPageScreenshot(page, 'overview.png');

  // Filter by recommendation: only Linkerd rows, fewer of them.
  await page
    .getByRole('combobox', { name: 'Recommendation' })
    .selectOption({ label: 'Linkerd' });
  await expect(pager).toHaveText(`1–${linkerdCount} of ${linkerdCount}`);
  await expect(rows).toHaveCount(linkerdCount);
  for (const cell of await recommendationCells.all()) {
    await expect(cell.locator('[data-mesh]')).toHaveAttribute(
      'data-mesh',
      'linkerd',
    );
  }
  // the chart shows which bar filters the table
  await expect(
    page.getByRole('button', { name: `Linkerd: ${linkerdCount} services` }),
  ).toHaveAttribute('aria-pressed', 'true');

  // Search by text (debounced), together with the filter, then alone.
  const search = page.getByRole('textbox', { name: 'Search services' });
  await search.fill('erp');
  await expect(pager).toHaveText('1–1 of 1');
  await expect(rows.first()).toContainText('component:default/erp-bridge');
  await page
    .getByRole('combobox', { name: 'Recommendation' })
    .selectOption({ label: 'all' });
  await search.fill('erp-bridge');
  await expect(pager).toHaveText('1–1 of 1');
  const row = rows.first();
  await expect(row).toContainText('integrations-team');

  // A row links to that service's Mesh tab.
  await row.getByRole('link', { name: 'SAP ERP Bridge' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/erp-bridge\/mesh$/,
  );
  await expect(card(page, 'Recommendation').locator('[data-mesh]')).toHaveText(
    'Linkerd',
  );
});

test('a search with no match says so', async ({ page }) => {
  await signInAsGuest(page, '/mesh-advisor');
  const { rows } = servicesTable(page);
  await expect(rows.first()).toBeVisible();
  await page
    .getByRole('textbox', { name: 'Search services' })
    .fill('no-such-service-xyz');
  await expect(page.getByText('No services match')).toBeVisible();
  await expect(rows).toHaveCount(0);
});
