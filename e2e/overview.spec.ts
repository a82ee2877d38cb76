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
  // the app's page header, with a tab per sub-page, like the catalog's
  await expect(page).toHaveURL(/\/mesh-advisor\/services$/);
  await expect(
    page.getByRole('tab', { name: 'Services', selected: true }),
  ).toBeVisible();

  const pick = page
    .getByTestId('platform-recommendation')
    .locator('[data-mesh]');
  await expect(pick).toHaveAttribute('data-mesh', platformPick.mesh);
  await expect(pick).toHaveText(platformPick.name);
  await expect(card(page, `Services (${summary.total})`)).toBeVisible();
  // one set of counts: the chart says how many of all have a recommendation
  const recommended = Object.values(summary.byMesh).reduce((a, b) => a + b, 0);
  await expect(
    page.getByText(
      `${recommended} of ${summary.total} services have a recommendation`,
    ),
  ).toBeVisible();

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
    page.getByRole('button', { name: `Linkerd ${linkerdCount} services` }),
  ).toHaveAttribute('aria-pressed', 'true');

  // Search by text (debounced), together with the filter, then alone.
  const search = page.getByRole('textbox', { name: 'Search services' });
  await search.fill('erp');
  await expect(pager).toHaveText('1–1 of 1');
  await expect(rows.first()).toContainText('erp-bridge');
  await page
    .getByRole('combobox', { name: 'Recommendation' })
    .selectOption({ label: 'all' });
  await search.fill('erp-bridge');
  await expect(pager).toHaveText('1–1 of 1');
  const row = rows.first();
  await expect(row).toContainText('integrations-team');

  // The filters are in the URL …
  await page
    .getByRole('combobox', { name: 'Status' })
    .selectOption({ label: 'evaluated' });
  await expect(page).toHaveURL(/[?&]q=erp-bridge/);
  await expect(page).toHaveURL(/[?&]status=evaluated/);

  // A row links to that service's Mesh tab (by its name, as sorted).
  await row.getByRole('link', { name: 'erp-bridge' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/erp-bridge\/mesh$/,
  );
  await expect(
    card(page, 'Recommendation').locator('[data-mesh]').first(),
  ).toHaveText('Linkerd');

  // … so they survive Back.
  await page.goBack();
  await expect(search).toHaveValue('erp-bridge');
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue(
    'evaluated',
  );
  await expect(pager).toHaveText('1–1 of 1');
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
  // one click back to every service
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows.first()).toBeVisible();
  await expect(
    page.getByRole('textbox', { name: 'Search services' }),
  ).toHaveValue('');
});
