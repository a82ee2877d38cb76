import { expect, test } from '@playwright/test';
import {
  card,
  elementScreenshot,
  openMeshSection,
  signInAsGuest,
} from './helpers';

test('what if erp-bridge required jwt-auth: Linkerd drops out, the annotations say so, and the URL keeps it', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: baseURL,
  });
  await signInAsGuest(page, '/catalog/default/component/erp-bridge/mesh');

  // erp-bridge runs on VMs and needs mTLS: Linkerd today.
  const stored = card(page, 'Recommendation').locator('[data-mesh]').first();
  await expect(stored).toHaveAttribute('data-mesh', 'linkerd');

  const whatIf = await openMeshSection(page, 'What if');
  const top = whatIf.getByTestId('what-if-top');
  await expect(top).toHaveAttribute('data-mesh', 'linkerd');
  const snippet = whatIf.getByTestId('annotation-snippet');
  await expect(snippet).toContainText(
    'mesh-advisor.io/requires: "vm-workloads, mtls"',
  );

  // one radio group per capability: arrow keys move between its modes
  const jwt = whatIf.getByRole('radiogroup', { name: /\bjwt-auth\b/ });
  const jwtRequired = jwt.getByRole('radio', { name: 'required' });
  await expect(jwt.getByRole('radio', { name: 'off' })).toBeChecked();
  await jwt.getByRole('radio', { name: 'off' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(jwtRequired).toBeChecked();
  await expect(
    whatIf.getByRole('radiogroup', { name: /jwt-auth · edited/ }),
  ).toBeVisible();

  // Linkerd has no JWT validation and ambient/Cilium cannot mesh VMs: only
  // the Istio sidecar is left.
  await expect(top).toHaveAttribute('data-mesh', 'istio-sidecar');
  await expect(top.locator('[data-mesh]')).toHaveText('Istio (sidecar mode)');
  await expect(top).toContainText('changed from Linkerd');
  await expect(whatIf.getByTestId('what-if-announcement')).toHaveText(
    /Top pick Istio \(sidecar mode\), changed from Linkerd\. Now blocked: .*Linkerd/,
  );
  await expect(
    whatIf.getByRole('list', { name: 'Blockers of Linkerd' }),
  ).toContainText('jwt-auth');
  // the result stays in view beside the list being edited
  const result = (await top.boundingBox())!;
  expect(result.y).toBeGreaterThanOrEqual(0);
  expect(result.y).toBeLessThan(900);

  // The annotations to paste carry the change, the rest as declared.
  await expect(snippet).toContainText(
    'mesh-advisor.io/requires: "vm-workloads, mtls, jwt-auth"',
  );
  await expect(snippet).toContainText(
    'mesh-advisor.io/prefers: "retries, timeouts"',
  );
  // the service's other annotations are kept, but not those the catalog writes
  await expect(snippet).not.toContainText('managed-by-location');
  await whatIf.getByRole('button', { name: 'Copy annotations' }).click();
  await expect(whatIf.getByText(/^Copied/)).toBeVisible();
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

  // The URL carries the what-if: a reload (or a shared link) shows it again.
  expect(page.url()).toContain('whatif=1');
  await page.reload();
  const again = page
    .getByRole('region', { name: /^What if/ })
    .getByTestId('what-if-top');
  await expect(again).toHaveAttribute('data-mesh', 'istio-sidecar');
  await expect(
    page
      .getByRole('radiogroup', { name: /\bjwt-auth\b/ })
      .getByRole('radio', { name: 'required' }),
  ).toBeChecked();

  await page
    .getByRole('button', { name: 'Reset to current annotations' })
    .click();
  await expect(again).toHaveAttribute('data-mesh', 'linkerd');
  expect(page.url()).not.toContain('whatif');
});

test('the what-if list is crossed with the keyboard in 30 Tab presses or fewer', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/component/erp-bridge/mesh');
  const whatIf = await openMeshSection(page, 'What if');
  const groups = whatIf.getByRole('radiogroup');
  // the list comes with the knowledge base, fetched on its own
  await expect(groups.first()).toBeVisible();
  const count = await groups.count();
  // start on the first capability, end on the last
  await groups.first().getByRole('radio', { checked: true }).focus();
  const lastGroup = groups.nth(count - 1);
  let presses = 0;
  while (presses < 60) {
    const inLast = await lastGroup.evaluate(el =>
      el.contains(document.activeElement),
    );
    if (inLast) break;
    await page.keyboard.press('Tab');
    presses++;
  }
  console.log(
    `What-if list: ${count} capabilities crossed in ${presses} Tab presses`,
  );
  expect(presses).toBeLessThanOrEqual(30);
  expect(presses).toBe(count - 1);
});
