import { expect, test } from '@playwright/test';
import { Backend, waitFor } from './backend';
import { card, elementScreenshot, signInAsGuest } from './helpers';

type CheckResult = {
  check: { id: string };
  facts: Record<string, unknown>;
  result: unknown;
};

/**
 * The Tech Insights fact retriever (mesh-advisor) stores facts 30 s after
 * start and then every 10 minutes, often before the sweep has evaluated
 * anything: run it now (the scheduler's trigger) until payments-api's
 * checks have facts.
 */
test.beforeAll(async ({ baseURL }) => {
  const backend = new Backend(baseURL ?? 'http://localhost:7007');
  let lastTrigger = 0;
  await waitFor(
    "payments-api's Mesh Advisor facts in Tech Insights",
    async () => {
      const res = await backend.request(
        'POST',
        '/api/tech-insights/checks/run/default/component/payments-api',
        {},
      );
      if (res.ok) {
        const results = (await res.json()) as CheckResult[];
        if (
          results.length >= 3 &&
          results.every(r => Object.keys(r.facts).length > 0)
        ) {
          return true;
        }
      }
      if (Date.now() - lastTrigger > 10_000) {
        await backend.request(
          'POST',
          '/api/tech-insights/.backstage/scheduler/v1/tasks/mesh-advisor/trigger',
        );
        lastTrigger = Date.now();
      }
      return false;
    },
    90_000,
  );
});

test("payments-api's overview: the Mesh Advisor scorecard, each check passed or failed", async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/payments-api');
  const scorecard = card(page, 'Mesh scorecard');
  await expect(scorecard).toBeVisible();
  const checks = scorecard.getByRole('list', { name: 'Mesh Advisor checks' });
  await expect(checks.getByRole('listitem')).toHaveCount(3);
  const item = (id: string) => checks.locator(`[data-check=${id}]`);
  await expect(item('meshAnnotationsValid')).toContainText(
    'Mesh annotations valid — passed',
  );
  await expect(item('meshAnnotationsValid')).toContainText(
    'Every mesh-advisor.io/* annotation of the service is well-formed',
  );
  await expect(item('meshHardRequirementsMet')).toContainText(
    'Mesh requirements met — passed',
  );
  // decided or not depends on whether decisions.spec ran first in this backend
  await expect(item('meshDecisionRecorded')).toContainText(
    /Mesh decision recorded — (passed|failed)/,
  );
  await expect(scorecard.getByTestId('scorecard-summary')).toContainText(
    /^[23] of 3 checks passed$/,
  );
  await elementScreenshot(scorecard, 'scorecard.png');
});

test('services only: no scorecard on a website', async ({ page }) => {
  await signInAsGuest(page, '/catalog/default/component/storefront-web');
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
  await expect(card(page, 'Mesh scorecard')).toHaveCount(0);
});
