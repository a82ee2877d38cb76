import { expect, test } from '@playwright/test';
import { sidebar, signInAsGuest, viewportScreenshot } from './helpers';

test('the notifications frontend plugin: its page is in the sidebar and opens', async ({
  page,
}) => {
  await signInAsGuest(page);
  await sidebar(page).getByRole('link', { name: 'Notifications' }).click();
  await expect(page).toHaveURL(/\/notifications/);
  await expect(
    page.getByRole('heading', { name: 'Notifications' }).first(),
  ).toBeVisible();
  await viewportScreenshot(page, 'notifications.png');
});
