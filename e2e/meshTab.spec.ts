import { expect, Page, test } from '@playwright/test';
import {
  card,
  entityTabs,
  fullPageScreenshot,
  sidebar,
  signInAsGuest,
} from './helpers';

/** Waits until every section of the Mesh tab has loaded. */
async function meshTabLoaded(page: Page) {
  await expect(card(page, 'Recommendation')).toBeVisible();
  await expect(card(page, 'Ranking')).toBeVisible();
  // these come from the knowledge base, fetched separately
  await expect(card(page, 'What if')).toBeVisible();
  await expect(card(page, 'Capability comparison')).toBeVisible();
  await expect(card(page, 'Practical guidance')).toBeVisible();
  await expect(page.getByTestId('progress')).toHaveCount(0);
}

/** The page background's relative luminance, 0 (black) to 1 (white). */
function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const rgb = getComputedStyle(document.body)
      .backgroundColor.match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map(Number)
      .map(c => c / 255)
      .map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  });
}

/** Settings → Appearance → Theme. */
async function chooseTheme(page: Page, theme: 'Light' | 'Dark' | 'Auto') {
  await sidebar(page).getByRole('link', { name: 'Settings' }).click();
  const button = page.getByRole('button', { name: theme, exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

test('payments-api: Istio (sidecar mode), Linkerd blocked on jwt-auth with its source; light and dark theme', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/payments-api');
  await entityTabs(page).getByRole('link', { name: 'Mesh' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/payments-api\/mesh$/,
  );

  const recommendation = card(page, 'Recommendation');
  const pick = recommendation.locator('[data-mesh]');
  await expect(pick).toHaveAttribute('data-mesh', 'istio-sidecar');
  await expect(pick).toHaveText('Istio (sidecar mode)');
  await expect(
    recommendation.getByTestId('recommendation-summary'),
  ).toContainText('Istio (sidecar mode) meets all');

  // Linkerd is ruled out: it has no JWT validation. The blocker cites its source.
  const linkerd = card(page, 'Ranking').getByRole('listitem', {
    name: 'Linkerd (blocked)',
  });
  const jwtBlocker = linkerd
    .getByRole('list', { name: 'Blockers' })
    .getByRole('listitem')
    .filter({ hasText: 'jwt-auth' });
  await expect(jwtBlocker).toContainText(
    'Requires jwt-auth, which Linkerd does not provide',
  );
  const source = jwtBlocker.getByRole('link').first();
  await expect(source).toBeVisible();
  await expect(source).toHaveAttribute('href', /^https:\/\/\S+/);
  await expect(source).toHaveAttribute('target', '_blank');

  await meshTabLoaded(page);
  expect(await backgroundLuminance(page)).toBeGreaterThan(0.8);
  await fullPageScreenshot(page, 'mesh-tab-light.png');

  // Dark theme: Settings → Appearance; the app keeps it in localStorage.
  await chooseTheme(page, 'Dark');
  expect(await page.evaluate(() => localStorage.getItem('theme'))).toBe('dark');
  await page.goBack();
  await expect(page).toHaveURL(/\/payments-api\/mesh$/);
  await meshTabLoaded(page);
  expect(await backgroundLuminance(page)).toBeLessThan(0.1);
  // card text stays readable on the dark background
  const textLuminance = await card(page, 'Recommendation')
    .getByTestId('recommendation-summary')
    .evaluate(el => {
      const [r, g, b] = getComputedStyle(el).color.match(/\d+/g)!.map(Number);
      return (r + g + b) / 3 / 255;
    });
  expect(textLuminance).toBeGreaterThan(0.7);
  await fullPageScreenshot(page, 'mesh-tab-dark.png');

  // Back to what it was: follow the system setting (light in these tests).
  await chooseTheme(page, 'Auto');
  expect(await page.evaluate(() => localStorage.getItem('theme'))).toBeNull();
  expect(await backgroundLuminance(page)).toBeGreaterThan(0.8);
});
