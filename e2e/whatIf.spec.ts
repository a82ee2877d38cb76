import { expect, test } from '@playwright/test';
import { card, elementScreenshot, signInAsGuest } from './helpers';

test('what if erp-bridge required jwt-auth: Linkerd drops out and the annotations say so', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: baseURL,
  });
  await signInAsGuest(page, '/catalog/default/component/erp-bridge/mesh');

  // erp-bridge runs on VMs and needs mTLS: Linkerd today.
  const stored = card(page, 'Recommendation').locator('[data-mesh]');
  await expect(stored).toHaveAttribute('data-mesh', 'linkerd');

  const whatIf = card(page, 'What if');
  const top = whatIf.getByTestId('what-if-top');
  await expect(top).toHaveAttribute('data-mesh', 'linkerd');
  const snippet = whatIf.getByTestId('annotation-snippet');
  await expect(snippet).toContainText(
    'mesh-advisor.io/requires: "vm-workloads, mtls"',
  );

  const jwtRequired = whatIf.getByRole('button', {
    name: 'jwt-auth: required',
  });
  await expect(jwtRequired).toHaveAttribute('aria-pressed', 'false');
  await jwtRequired.click();
  await expect(jwtRequired).toHaveAttribute('aria-pressed', 'true');

  // Linkerd has no JWT validation and ambient/Cilium cannot mesh VMs: only
  // the Istio sidecar is left.
  await expect(top).toHaveAttribute('data-mesh', 'istio-sidecar');
  await expect(top.locator('[data-mesh]')).toHaveText('Istio (sidecar mode)');
  await expect(top).toContainText('changed from Linkerd');
  await expect(
    whatIf
      .getByRole('list', { name: 'Blockers' })
      .getByText('Requires jwt-auth, which Linkerd does not provide'),
  ).toBeVisible();

  // The annotations to paste carry the change, the rest as declared.
  await expect(snippet).toContainText(
    'mesh-advisor.io/requires: "vm-workloads, mtls, jwt-auth"',
  );
  await expect(snippet).toContainText(
    'mesh-advisor.io/prefers: "retries, timeouts"',
  );
  await whatIf.getByRole('button', { name: 'Copy annotations' }).click();
  await expect(whatIf.getByRole('status')).toContainText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^metadata:\n {2}annotations:\n/);
  expect(copied).toContain(
    '\n    mesh-advisor.io/requires: "vm-workloads, mtls, jwt-auth"\n',
  );
  expect(copied).toContain('\n    mesh-advisor.io/replicas: "2"\n');

  // Nothing is saved: the stored recommendation is still Linkerd.
  await expect(stored).toHaveAttribute('data-mesh', 'linkerd');
  await page.mouse.move(0, 0);
  await elementScreenshot(whatIf, 'what-if.png');

  await whatIf
    .getByRole('button', { name: 'Reset to current annotations' })
    .click();
  await expect(top).toHaveAttribute('data-mesh', 'linkerd');
  await expect(jwtRequired).toHaveAttribute('aria-pressed', 'false');
});
