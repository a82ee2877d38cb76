// The measurements in Chromium: the overview until usable, a filter or search until the rows show.
import {
  BASE,
  OVERVIEW_RUNS,
  FILTER_RUNS,
  SEARCH_RUNS,
  require,
  CHROMIUM_LAUNCH,
  log,
} from './common.mjs';
import { DOMAINS } from './catalog.mjs';

export const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Nearest-rank percentile (p95 of 5 or 10 runs is the slowest run). */
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** In the page: the overview is usable (platform pick and first rows shown). */
function overviewUsable() {
  const shown = el => !!el && el.getClientRects().length > 0;
  const pick = document.querySelector(
    '[data-testid="platform-recommendation"] [data-mesh]',
  );
  const rows = document.querySelectorAll(
    'table[aria-label="Services"] tbody tr',
  );
  if (!shown(pick) || !rows.length || !shown(rows[0])) return false;
  return { t: performance.now(), rows: rows.length };
}

/**
 * In the page: every row answers the list's `param=value` — shows that
 * recommended mesh, or mentions that search term; ms since the last change.
 */
function listShows([param, value]) {
  const rows = Array.from(
    document.querySelectorAll('table[aria-label="Services"] tbody tr'),
  );
  const answers = r =>
    param === 'mesh'
      ? r
          .querySelector('td:nth-child(4) [data-mesh]')
          ?.getAttribute('data-mesh') === value
      : r.textContent.toLowerCase().includes(value);
  if (!rows.length || !rows.every(answers)) return false;
  const pager = document.querySelector(
    'nav[aria-label="Pagination"] [role="status"]',
  );
  return {
    ms: performance.now() - window.__benchT0,
    rows: rows.length,
    pager: pager?.textContent,
  };
}

/**
 * Changes the list (`act`), waits for the API's answer with `param=value`
 * (the rows could match before it arrives) and for the rows to show it;
 * returns what listShows measured in the page.
 */
async function timeListChange(page, param, value, act) {
  const answered = page.waitForResponse(
    r =>
      /\/api\/mesh-advisor\/evaluations\?/.test(r.url()) &&
      new URL(r.url()).searchParams.get(param) === value,
  );
  await act();
  await answered;
  const handle = await page.waitForFunction(listShows, [param, value], {
    polling: 'raf',
  });
  return handle.jsonValue();
}

export async function measureUi(summary) {
  const { chromium } = require('@playwright/test');
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);

    // Sign in once as the guest; the context keeps the session.
    await page.goto(`${BASE}/`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Mesh Advisor' })
      .waitFor();
    log('signed in as guest');

    // (a) navigation → overview usable. performance.now() counts from the
    // start of the navigation, so this includes loading the page, the
    // sign-in refresh, the summary and the first page of the table.
    const overview = [];
    for (let i = 0; i < OVERVIEW_RUNS; i++) {
      await page.goto(`${BASE}/mesh-advisor`, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(overviewUsable, undefined, {
        polling: 'raf',
      });
      const { t, rows } = await handle.jsonValue();
      overview.push(t);
      log(
        `(a) run ${i + 1}: overview usable after ${Math.round(
          t,
        )} ms (${rows} rows)`,
      );
    }
    const servicesTitle = await page
      .locator('[class*="MuiCardHeader-title"]', { hasText: /^Services \(/ })
      .textContent();
    const pagerText = await page
      .locator('nav[aria-label="Pagination"] [role="status"]')
      .textContent();
    log(`overview shows "${servicesTitle}", table "${pagerText}"`);

    // Time from a change/input event to the rendered result, in the page.
    await page.evaluate(() => {
      window.__benchT0 = 0;
      const mark = () => {
        window.__benchT0 = performance.now();
      };
      document.addEventListener('change', mark, true);
      document.addEventListener('input', mark, true);
    });

    // (b) recommendation filter → filtered rows (a server round trip each).
    const meshes = [
      'linkerd',
      'istio-ambient',
      'cilium',
      'istio-sidecar',
      'none',
    ].filter(m => (summary.byMesh[m] ?? 0) > 0);
    const select = page.getByRole('combobox', { name: 'Recommendation' });
    const filter = [];
    for (let i = 0; i < FILTER_RUNS; i++) {
      const mesh = meshes[i % meshes.length];
      const r = await timeListChange(page, 'mesh', mesh, () =>
        select.selectOption(mesh),
      );
      filter.push(r.ms);
      log(
        `(b) run ${i + 1}: recommendation = ${mesh} → ${r.rows} rows (${
          r.pager
        }) after ${Math.round(r.ms)} ms`,
      );
    }
    await select.selectOption('');

    // (info) search → matching rows; includes the table's 300 ms debounce.
    const search = page.getByRole('textbox', { name: 'Search services' });
    const searches = [];
    for (let i = 0; i < SEARCH_RUNS; i++) {
      const term = DOMAINS[(i * 7) % DOMAINS.length];
      const r = await timeListChange(page, 'q', term, () => search.fill(term));
      searches.push(r.ms);
      log(
        `(b') search "${term}" → ${r.rows} rows (${r.pager}) after ${Math.round(
          r.ms,
        )} ms`,
      );
    }
    await context.close();
    return { overview, filter, searches, servicesTitle, pagerText };
  } finally {
    await browser.close();
  }
}

// (c) The code the plugin adds to the app.
