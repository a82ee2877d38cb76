import { renderInTestApp } from '@backstage/test-utils';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import { useLocation } from 'react-router-dom';
import {
  checkoutEntity,
  evaluationFixture,
  FIXTURE_KNOWLEDGE_BASE,
  paymentsEntity,
} from '../../__testUtils__';
import { WhatIfPanel } from './WhatIfPanel';

/** Shows the URL the panel wrote, so a test can reload from it. */
function Location() {
  const { search } = useLocation();
  return <output data-testid="location">{search}</output>;
}

async function renderPanel(entity: Entity, search = '') {
  const user = userEvent.setup();
  const evaluation = evaluationFixture(entity);
  await renderInTestApp(
    <>
      <WhatIfPanel
        entity={entity}
        evaluation={evaluation}
        knowledgeBase={FIXTURE_KNOWLEDGE_BASE}
      />
      <Location />
    </>,
    { routeEntries: [`/mesh${search}`] },
  );
  return { user, evaluation };
}

const topPick = () =>
  screen.getByTestId('what-if-top').getAttribute('data-mesh');
/** The radio of one capability's mode. */
const mode = (capability: string, m: 'required' | 'preferred' | 'off') =>
  within(
    screen.getByRole('radiogroup', { name: new RegExp(`\\b${capability}\\b`) }),
  ).getByRole('radio', { name: m });
const snippet = () => screen.getByTestId('annotation-snippet');

describe('WhatIfPanel', () => {
  it('starts from the current annotations and the stored pick, one radio group per capability', async () => {
    const { evaluation } = await renderPanel(checkoutEntity);
    expect(topPick()).toBe(evaluation.recommendation!.mesh);
    expect(mode('mtls', 'required')).toBeChecked();
    expect(mode('jwt-auth', 'off')).toBeChecked();
    expect(screen.getByTestId('what-if-top')).toHaveTextContent(
      'same as the current advice',
    );
    // merged into the service's own annotations, which are kept
    expect(snippet()).toHaveTextContent(
      'backstage.io/kubernetes-id: "checkout"',
    );
    expect(snippet()).toHaveTextContent(
      'mesh-advisor.io/requires: "mtls, traffic-split"',
    );
    expect(screen.getByTestId('location')).toHaveTextContent(/^$/);
  });

  it('moves between modes with the arrow keys, one Tab stop per capability', async () => {
    const { user } = await renderPanel(checkoutEntity);
    mode('jwt-auth', 'off').focus();
    await user.keyboard('{ArrowRight}');
    expect(mode('jwt-auth', 'required')).toBeChecked();
    await user.tab();
    // the next capability's checked radio, not jwt-auth's next option
    expect(document.activeElement?.closest('[role=radiogroup]')).not.toBe(
      mode('jwt-auth', 'off').closest('[role=radiogroup]'),
    );
  });

  it('requiring jwt-auth moves the pick away from Linkerd, says so, and the snippet follows', async () => {
    const { user } = await renderPanel(checkoutEntity);
    expect(topPick()).toBe('linkerd');
    await user.click(mode('jwt-auth', 'required'));
    await waitFor(() => expect(topPick()).not.toBe('linkerd'));
    expect(screen.getByText('changed from Linkerd')).toBeInTheDocument();
    expect(screen.getByTestId('what-if-announcement')).toHaveTextContent(
      /changed from Linkerd\. Now blocked: .*Linkerd/,
    );
    expect(screen.getByTestId('what-if-announcement')).toHaveAttribute(
      'aria-live',
      'polite',
    );
    // the edited capability is marked
    expect(
      screen.getByRole('radiogroup', { name: /jwt-auth · edited/ }),
    ).toBeInTheDocument();
    expect(snippet()).toHaveTextContent(
      'mesh-advisor.io/requires: "mtls, traffic-split, jwt-auth"',
    );
    const writeText = jest.spyOn(navigator.clipboard, 'writeText');
    await user.click(screen.getByRole('button', { name: 'Copy annotations' }));
    expect(writeText.mock.calls[0][0]).toBe(
      [
        'metadata:',
        '  annotations:',
        '    backstage.io/kubernetes-id: "checkout"',
        '    mesh-advisor.io/requires: "mtls, traffic-split, jwt-auth"',
        '    mesh-advisor.io/replicas: "6"',
        '    mesh-advisor.io/ops-capacity: "low"',
        '',
      ].join('\n'),
    );
    expect(screen.getByText(/^Copied/)).toBeInTheDocument();
    // an edit after copying: "Copied" no longer describes what is shown
    await user.click(mode('tracing', 'preferred'));
    expect(screen.queryByText(/^Copied/)).not.toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: 'Reset to current annotations' }),
    );
    expect(topPick()).toBe('linkerd');
    expect(screen.getByTestId('location')).toHaveTextContent(/^$/);
  });

  it('keeps the what-if in the URL, and a URL reproduces it', async () => {
    const { user } = await renderPanel(checkoutEntity);
    await user.click(mode('jwt-auth', 'required'));
    const search = screen.getByTestId('location').textContent!;
    expect(search).toContain('whatif=1');
    expect(new URLSearchParams(search).get('whatif.requires')).toBe(
      'mtls,traffic-split,jwt-auth',
    );
    const pick = topPick();

    cleanup();
    await renderPanel(checkoutEntity, search);
    expect(topPick()).toBe(pick);
    expect(mode('jwt-auth', 'required')).toBeChecked();
  });

  it('requiring vm-workloads rules out Istio ambient, which cannot mesh VMs', async () => {
    const { user } = await renderPanel(paymentsEntity);
    await user.click(mode('vm-workloads', 'required'));
    await waitFor(() =>
      expect(screen.getByTestId('what-if-announcement').textContent).toMatch(
        /Now blocked: .*Istio \(ambient mode\)/,
      ),
    );
    expect(topPick()).not.toBe('istio-ambient');
    expect(snippet()).toHaveTextContent(
      'mesh-advisor.io/requires: "mtls, vm-workloads"',
    );
    // The edge exposure the service declared is kept.
    expect(snippet()).toHaveTextContent('mesh-advisor.io/exposure: "edge"');
  });

  it('applies a valid latency budget and ops capacity; an invalid budget holds the snippet back', async () => {
    const { user } = await renderPanel(paymentsEntity);
    const budget = screen.getByRole('textbox', {
      name: 'Latency budget (ms p99 per hop)',
    });
    await user.type(budget, '0');
    expect(screen.getByText('Must be greater than 0')).toBeInTheDocument();
    expect(screen.queryByTestId('annotation-snippet')).not.toBeInTheDocument();
    expect(
      screen.getByText(/annotations wait for a valid value/),
    ).toBeInTheDocument();
    await user.clear(budget);
    await user.type(budget, '0.1');
    expect(snippet()).toHaveTextContent(
      'mesh-advisor.io/latency-budget-ms: "0.1"',
    );
    expect(
      screen.getByRole('textbox', {
        name: 'Latency budget (ms p99 per hop) (edited)',
      }),
    ).toBeInTheDocument();
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Team ops capacity' }),
      'low',
    );
    expect(snippet()).toHaveTextContent('mesh-advisor.io/ops-capacity: "low"');
  });
});
