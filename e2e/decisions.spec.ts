import { expect, test } from '@playwright/test';
import { Backend } from './backend';
import {
  card,
  runId,
  servicesTable,
  signInAsGuest,
  viewportScreenshot,
} from './helpers';

// identity-service is owned by group:default/platform-team, and the guest
// user (user:development/guest) is a member of platform-team: the owner-only
// policy lets the guest file and accept decisions about it.
const OWNED = 'identity-service';
// payments-api is owned by payments-team.
const NOT_OWNED = 'payments-api';

test('an owner files a decision, accepts it, and the overview shows it', async ({
  page,
}) => {
  const title = `Adopt the Istio sidecar for Identity Service (e2e ${runId()})`;
  await signInAsGuest(page, `/catalog/default/component/${OWNED}/mesh`);

  const decisionCard = card(page, 'Decision');
  const file = decisionCard.getByRole('button', {
    name: /^File (a new )?decision$/,
  });
  await expect(file).toBeEnabled();
  await file.click();

  const dialog = page.getByRole('dialog', { name: 'File a mesh decision' });
  await expect(dialog).toBeVisible();
  // Prefilled with the current recommendation.
  const chosen = dialog.getByRole('combobox', { name: /Chosen mesh/ });
  await expect(chosen).toHaveValue('istio-sidecar');
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toHaveValue(
    /Istio \(sidecar mode\)/,
  );
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog
    .getByRole('textbox', { name: /Rationale/ })
    .fill(
      'Identity needs JWT validation, the Coraza WAF (Wasm) and a global rate limit at the edge; **only the Istio sidecar** gives all three today.',
    );
  await dialog.getByRole('tab', { name: 'Preview' }).click();
  await expect(
    dialog.getByTestId('rationale-preview').locator('strong'),
  ).toHaveText('only the Istio sidecar');
  await dialog.getByRole('button', { name: 'File decision' }).click();
  await expect(dialog).toBeHidden();

  // The new decision is the one in force, proposed.
  const inForce = decisionCard.getByTestId('decision-in-force');
  await expect(inForce.getByRole('heading', { name: title })).toBeVisible();
  await expect(inForce.getByText('proposed', { exact: true })).toBeVisible();
  await expect(inForce.locator('[data-mesh]').first()).toHaveText(
    'Istio (sidecar mode)',
  );

  await inForce.getByRole('button', { name: 'Accept' }).click();
  await expect(inForce.getByText('accepted', { exact: true })).toBeVisible();
  await expect(inForce.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  await expect(inForce.getByRole('heading', { name: title })).toBeVisible();
  await page.mouse.move(0, 0); // no tooltip in the picture
  await viewportScreenshot(page, 'decision.png');

  // The overview table shows the decision in force for the service.
  await page.goto('/mesh-advisor');
  await page.getByRole('textbox', { name: 'Search services' }).fill(OWNED);
  const { rows } = servicesTable(page);
  // (the search also matches services that mention it, e.g. in their tags)
  const row = rows.filter({
    has: page.getByRole('link', { name: OWNED, exact: true }),
  });
  await expect(row).toHaveCount(1);
  const decisionCell = row.locator('td:nth-child(7)');
  await expect(decisionCell).toContainText('accepted');
  await expect(decisionCell.locator('[data-mesh]')).toHaveAttribute(
    'data-mesh',
    'istio-sidecar',
  );
  // The Decision filter finds it among the accepted ones.
  await page
    .getByRole('combobox', { name: 'Decision' })
    .selectOption({ label: 'accepted' });
  await expect(row).toHaveCount(1);
  await page
    .getByRole('combobox', { name: 'Decision' })
    .selectOption({ label: 'no decision' });
  await expect(row).toHaveCount(0);

  // … and the Decisions tab lists it.
  await page.getByRole('tab', { name: 'Decisions' }).click();
  await expect(page).toHaveURL(/\/mesh-advisor\/decisions$/);
  const decisions = page.getByRole('table', { name: 'Decisions' });
  const listed = decisions.getByRole('row').filter({ hasText: title });
  await expect(listed).toContainText(OWNED);
  await expect(listed).toContainText('accepted');
});

test('on a service the user does not own, filing a decision is not possible', async ({
  page,
  baseURL,
}) => {
  await signInAsGuest(page, `/catalog/default/component/${NOT_OWNED}/mesh`);
  const decisionCard = card(page, 'Decision');
  const file = decisionCard.getByRole('button', {
    name: /^File (a new )?decision$/,
  });
  await expect(file).toBeDisabled();
  // The reason is written beside the button, once the permission check
  // has answered, and read out with it.
  await expect(file).toHaveAccessibleDescription(
    /You may not file decisions about this service/,
  );
  await expect(
    decisionCard.getByText(/You may not file decisions about this service/),
  ).toBeVisible();

  // The backend refuses too, not only the button.
  const res = await new Backend(baseURL!).request(
    'POST',
    '/api/mesh-advisor/decisions',
    {
      entityRef: `component:default/${NOT_OWNED}`,
      chosen: 'istio-sidecar',
      title: 'Not allowed',
      rationale: 'The guest does not own payments-api.',
      alternatives: [],
    },
  );
  expect(res.status).toBe(403);
});
