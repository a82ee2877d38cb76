import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import {
  checkoutEntity,
  evaluationFixture,
  FIXTURE_KNOWLEDGE_BASE,
  paymentsEntity,
} from '../../testing';
import { WhatIfPanel } from './WhatIfPanel';

async function renderPanel(entity: Entity) {
  const user = userEvent.setup();
  const evaluation = evaluationFixture(entity);
  await renderInTestApp(
    <WhatIfPanel
      entity={entity}
      evaluation={evaluation}
      knowledgeBase={FIXTURE_KNOWLEDGE_BASE}
    />,
  );
  return { user, evaluation };
}

const topPick = () =>
  screen.getByTestId('what-if-top').getAttribute('data-mesh');

describe('WhatIfPanel', () => {
  it('starts from the current annotations and the stored pick', async () => {
    const { evaluation } = await renderPanel(checkoutEntity);
    expect(topPick()).toBe(evaluation.recommendation!.mesh);
    expect(
      screen.getByRole('button', { name: 'mtls: required' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(
      screen.getByRole('button', { name: 'jwt-auth: off' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('annotation-snippet')).toHaveTextContent(
      'mesh-advisor.io/requires: "mtls, traffic-split"',
    );
  });

  it('requiring jwt-auth moves the pick away from Linkerd, and the snippet follows', async () => {
    const { user } = await renderPanel(checkoutEntity);
    expect(topPick()).toBe('linkerd');

    await user.click(
      screen.getByRole('button', { name: 'jwt-auth: required' }),
    );

    await waitFor(() => expect(topPick()).not.toBe('linkerd'));
    expect(screen.getByText('changed from Linkerd')).toBeInTheDocument();
    const snippet = screen.getByTestId('annotation-snippet');
    expect(snippet).toHaveTextContent(
      'mesh-advisor.io/requires: "mtls, traffic-split, jwt-auth"',
    );
    expect(snippet).toHaveTextContent('mesh-advisor.io/replicas: "6"');

    const writeText = jest.spyOn(navigator.clipboard, 'writeText');
    await user.click(screen.getByRole('button', { name: 'Copy annotations' }));
    expect(writeText).toHaveBeenCalledTimes(1);
    expect(writeText.mock.calls[0][0]).toBe(
      [
        'metadata:',
        '  annotations:',
        '    mesh-advisor.io/requires: "mtls, traffic-split, jwt-auth"',
        '    mesh-advisor.io/replicas: "6"',
        '    mesh-advisor.io/ops-capacity: "low"',
        '',
      ].join('\n'),
    );
    expect(screen.getByRole('status')).toHaveTextContent('Copied');

    await user.click(
      screen.getByRole('button', { name: 'Reset to current annotations' }),
    );
    expect(topPick()).toBe('linkerd');
  });

  it('requiring vm-workloads moves the pick away from Istio ambient', async () => {
    const { user } = await renderPanel(paymentsEntity);
    expect(topPick()).toBe('istio-ambient');
    await user.click(
      screen.getByRole('button', { name: 'vm-workloads: required' }),
    );
    await waitFor(() => expect(topPick()).not.toBe('istio-ambient'));
    expect(screen.getByTestId('annotation-snippet')).toHaveTextContent(
      'mesh-advisor.io/requires: "mtls, vm-workloads"',
    );
    // The edge exposure the service declared is kept.
    expect(screen.getByTestId('annotation-snippet')).toHaveTextContent(
      'mesh-advisor.io/exposure: "edge"',
    );
  });

  it('a preferred capability is written as prefers', async () => {
    const { user } = await renderPanel(paymentsEntity);
    await user.click(
      screen.getByRole('button', { name: 'tracing: preferred' }),
    );
    expect(screen.getByTestId('annotation-snippet')).toHaveTextContent(
      'mesh-advisor.io/prefers: "tracing"',
    );
  });

  it('applies a valid latency budget and ops capacity, and rejects an invalid budget', async () => {
    const { user } = await renderPanel(paymentsEntity);
    const budget = screen.getByRole('textbox', {
      name: 'Latency budget (ms p99 per hop)',
    });
    await user.type(budget, '0');
    expect(screen.getByText('Must be greater than 0')).toBeInTheDocument();
    expect(screen.getByTestId('annotation-snippet')).not.toHaveTextContent(
      'latency-budget-ms',
    );
    await user.clear(budget);
    await user.type(budget, '0.1');
    expect(screen.getByTestId('annotation-snippet')).toHaveTextContent(
      'mesh-advisor.io/latency-budget-ms: "0.1"',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Team ops capacity' }),
      'low',
    );
    expect(screen.getByTestId('annotation-snippet')).toHaveTextContent(
      'mesh-advisor.io/ops-capacity: "low"',
    );
  });
});
