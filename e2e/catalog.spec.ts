import { expect, test } from '@playwright/test';
import {
  entityTabs,
  sidebar,
  signInAsGuest,
  viewportScreenshot,
} from './helpers';

test('a guest signs in, finds a service in the catalog and opens it', async ({
  page,
}) => {
  await signInAsGuest(page);

  await sidebar(page)
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
  await expect(page.getByText('Acme Shop Catalog')).toBeVisible();
  // The guest is in platform-team, so "Owned" is preselected: show all.
  await page.getByRole('menuitem', { name: /^All \d+$/ }).click();
  await expect(
    page.getByRole('heading', { name: /^All Components \(\d+\)$/, level: 2 }),
  ).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('link', { name: 'Checkout API' })).toBeVisible();
  await viewportScreenshot(page, 'catalog.png');

  await page.getByRole('textbox', { name: 'Search' }).fill('payments');
  await expect(
    page.getByRole('heading', { name: 'All Components (1)', level: 2 }),
  ).toBeVisible();
  const payments = table.getByRole('link', { name: 'Payments API' });
  await expect(payments).toBeVisible();

  await payments.click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/payments-api$/);
  await expect(
    page.getByRole('heading', { name: 'Payments API', level: 2 }),
  ).toBeVisible();
  const about = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: 'About', level: 3 }) });
  await expect(about).toContainText('Authorises card and wallet payments');
  await expect(
    about.getByRole('link', { name: 'Payments Team' }),
  ).toBeVisible();
  await expect(about).toContainText('service');
  // A Component of type service: the entity page has the Mesh tab.
  await expect(
    entityTabs(page).getByRole('link', { name: 'Mesh' }),
  ).toBeVisible();
});

test('only services have the Mesh tab', async ({ page }) => {
  await signInAsGuest(page, '/catalog/default/component/acme-service-kit');
  await expect(
    page.getByRole('heading', { name: 'Acme service kit', level: 2 }),
  ).toBeVisible();
  await expect(
    entityTabs(page).getByRole('link', { name: 'Overview' }),
  ).toBeVisible();
  await expect(
    entityTabs(page).getByRole('link', { name: 'Mesh' }),
  ).toHaveCount(0);
});
