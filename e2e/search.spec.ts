import { expect, test } from '@playwright/test';
import { Backend, waitFor } from './backend';
import { runId, sidebar, signInAsGuest, viewportScreenshot } from './helpers';

// identity-service is owned by platform-team, of which the guest is a member.
const OWNED = 'component:default/identity-service';

test('a filed decision is found through the search page', async ({
  page,
  baseURL,
}) => {
  // (E2E_BACKEND_URL: a backend apart from the app, as with the dev server)
  const backend = new Backend(process.env.E2E_BACKEND_URL ?? baseURL!);
  const id = runId();
  const title = `identity-service adopts Linkerd (e2e ${id})`;
  const filed = await backend.request('POST', '/api/mesh-advisor/decisions', {
    entityRef: OWNED,
    chosen: 'linkerd',
    title,
    rationale: `mTLS everywhere with the least overhead; search run ${id}.`,
  });
  expect(filed.status).toBe(201);

  // re-index now rather than at the next scheduled run
  const trigger = await backend.request(
    'POST',
    '/api/search/.backstage/scheduler/v1/tasks/search_index_mesh_decision/trigger',
  );
  expect([200, 204, 409]).toContain(trigger.status);
  await waitFor(
    'the decision in the search index',
    async () => {
      const res = await backend.json<{ results: unknown[] }>(
        `/api/search/query?term=${encodeURIComponent(
          id,
        )}&types[0]=mesh-decision`,
      );
      return res.results.length > 0;
    },
    60_000,
  );

  await signInAsGuest(page);
  await sidebar(page).getByRole('link', { name: 'Search' }).click();
  await page
    .getByRole('textbox', { name: /search/i })
    .first()
    .fill(`identity linkerd ${id}`);
  const result = page.getByRole('link', { name: title });
  await expect(result).toBeVisible();
  // the result type the app adds narrows the page to decisions
  await page.getByRole('button', { name: 'Mesh decisions' }).click();
  await expect(result).toBeVisible();
  await expect(result).toHaveAttribute(
    'href',
    /^\/catalog\/default\/component\/identity-service\/mesh#decision-/,
  );
  await viewportScreenshot(page, 'search.png');

  await result.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/identity-service\/mesh/,
  );
});
