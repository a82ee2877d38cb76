import { expect, Locator, Page } from '@playwright/test';
import path from 'node:path';

/** Where the screenshots for the docs go (committed). */
export const SCREENSHOTS = path.resolve(__dirname, '../docs/screenshots');
/** E2E_SCREENSHOTS=0 leaves docs/screenshots alone. */
const takeScreenshots = process.env.E2E_SCREENSHOTS !== '0';

/** A name no earlier run used: decisions live as long as the backend runs. */
export const runId = () => Math.random().toString(36).slice(2, 8);

/** The sidebar, which the app shows once someone is signed in. */
export const sidebar = (page: Page) =>
  page.getByRole('navigation', { name: 'sidebar nav' });

/** The tabs of an entity page (Overview, APIs, Mesh …). */
export const entityTabs = (page: Page) =>
  page.getByRole('navigation', { name: 'Content navigation' });

/** Signs in through the sign-in page's guest "Enter" button. */
export async function signInAsGuest(
  page: Page,
  to = '/',
  options: { phone?: boolean } = {},
) {
  await page.goto(to);
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await expect(page.getByText('Enter as a Guest User.')).toBeVisible();
  await enter.click();
  // on a phone the sidebar is a bar of icons at the bottom
  if (options.phone) {
    await expect(enter).toBeHidden();
    return;
  }
  // (the <nav> itself has no size; its links do)
  await expect(
    sidebar(page).getByRole('link', { name: 'Mesh Advisor' }),
  ).toBeVisible();
}

/** An InfoCard of the page, by its title (the title is a heading too). */
export function card(page: Page, title: string): Locator {
  // (production builds suffix MUI class names: MuiCard-root-720)
  return page.locator('[class*="MuiCard-root"]').filter({
    has: page.locator('[class*="MuiCardHeader-title"]', {
      hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    }),
  });
}

/** The overview's services table: its rows and its "1–50 of N" label. */
export function servicesTable(page: Page) {
  const table = page.getByRole('table', { name: 'Services' });
  const rows = table.locator('tbody tr');
  return {
    table,
    rows,
    recommendationCells: rows.locator('td:nth-child(4)'),
    decisionCells: rows.locator('td:nth-child(7)'),
    pager: page
      .getByRole('navigation', { name: 'Pagination' })
      .getByRole('status'),
  };
}

/**
 * A screenshot of the whole page. Backstage pages scroll inside their own
 * container and the sidebar is fixed to the viewport, so Playwright's
 * fullPage alone cuts the page off or leaves the sidebar short: make the
 * viewport as tall as the content instead, shoot, and restore it.
 */
export async function fullPageScreenshot(page: Page, file: string) {
  if (!takeScreenshots) return;
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  const height = await page.evaluate(() => {
    // the page's own scroll container: as tall as the viewport, overflowing
    let extra = 0;
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (
        el.clientHeight >= window.innerHeight / 2 &&
        /(auto|scroll)/.test(getComputedStyle(el).overflowY)
      ) {
        extra = Math.max(extra, el.scrollHeight - el.clientHeight);
      }
    }
    return Math.ceil(
      Math.max(
        document.documentElement.scrollHeight,
        window.innerHeight + extra,
      ),
    );
  });
  await page.setViewportSize({
    width: viewport.width,
    height: Math.min(Math.max(height, viewport.height), 12_000),
  });
  // let the layout settle at the new size
  await page.evaluate(
    () =>
      new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  await page.screenshot({
    path: path.join(SCREENSHOTS, file),
    fullPage: true,
    animations: 'disabled',
  });
  await page.setViewportSize(viewport);
}

/** A screenshot of what the viewport shows. */
export async function viewportScreenshot(page: Page, file: string) {
  if (!takeScreenshots) return;
  await page.screenshot({
    path: path.join(SCREENSHOTS, file),
    animations: 'disabled',
  });
}

/**
 * A screenshot of one element, however tall: the viewport is made tall
 * enough to hold it first (see fullPageScreenshot).
 */
export async function elementScreenshot(locator: Locator, file: string) {
  if (!takeScreenshots) return;
  const page = locator.page();
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  const box = await locator.boundingBox();
  if (box && box.height > viewport.height - 100) {
    await page.setViewportSize({
      width: viewport.width,
      height: Math.min(Math.ceil(box.height) + 200, 12_000),
    });
  }
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({
    path: path.join(SCREENSHOTS, file),
    animations: 'disabled',
  });
  await page.setViewportSize(viewport);
}

/**
 * Opens a collapsed section of the Mesh tab ("What if", "Ranking and costs
 * of every mesh", "Compare meshes") and returns its content region.
 */
export async function openMeshSection(page: Page, title: string) {
  const button = page.getByRole('button', { name: new RegExp(`^${title}`) });
  if ((await button.getAttribute('aria-expanded')) !== 'true') {
    await button.click();
  }
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  return page.getByRole('region', { name: new RegExp(`^${title}`) });
}

/**
 * How tall the page's content is: Backstage scrolls inside its own
 * container, so the document's height alone says nothing.
 */
export function contentHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    let height = document.documentElement.scrollHeight;
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (
        el.clientHeight >= window.innerHeight / 2 &&
        /(auto|scroll)/.test(getComputedStyle(el).overflowY)
      ) {
        height = Math.max(height, el.scrollHeight);
      }
    }
    return Math.ceil(height);
  });
}

/** Settings → Appearance → Theme (kept in localStorage by the app). */
export async function chooseTheme(
  page: Page,
  theme: 'Light' | 'Dark' | 'Auto',
) {
  await sidebar(page).getByRole('link', { name: 'Settings' }).click();
  const button = page.getByRole('button', { name: theme, exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}
