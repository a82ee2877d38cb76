import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import {
  checkoutEntity,
  decisionFixture,
  evaluationFixture,
  FakeMeshAdvisorApi,
  fixtureId,
  service,
} from '../../__testUtils__';
import { openApi, renderCard } from '../../__testUtils__/decisionsCardSetup';
import { DecisionsCard } from './DecisionsCard';

describe('DecisionsCard', () => {
  it('says there is no decision yet and files one, prefilled from the recommendation', async () => {
    const { api, user, evaluation } = await renderCard({});
    expect(await screen.findByText('No decision yet')).toBeInTheDocument();

    await user.click(
      await screen.findByRole('button', { name: 'File decision' }),
    );
    const dialog = await screen.findByRole('dialog');
    const rec = evaluation.recommendation!;
    expect(within(dialog).getByLabelText(/^Title/)).toHaveValue(
      `Adopt ${rec.name} for checkout`,
    );
    expect(within(dialog).getByLabelText(/^Chosen mesh/)).toHaveValue(rec.mesh);
    expect(
      (within(dialog).getByLabelText(/^Context/) as HTMLTextAreaElement).value,
    ).toContain(rec.summary);
    const topReason = evaluation.ranking
      .find(c => c.mesh === rec.mesh)!
      .reasons.find(r => r.effect === 'for')!;
    expect(
      (
        within(dialog).getByRole('textbox', {
          name: /^Rationale/,
        }) as HTMLTextAreaElement
      ).value,
    ).toContain(`- ${topReason.text}`);

    await user.click(
      within(dialog).getByRole('button', { name: 'File decision' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    const [[body]] = api.callsTo('createDecision');
    expect(body).toMatchObject({
      entityRef: 'component:default/checkout',
      chosen: rec.mesh,
      title: `Adopt ${rec.name} for checkout`,
    });
    expect(openApi.validateRequestBody('CreateDecision', body)).toEqual([]);
    // The new decision is in force now, with its history.
    expect(
      await screen.findByRole('heading', {
        name: `Adopt ${rec.name} for checkout`,
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'Decision history' }),
    ).toHaveTextContent('Proposed by guest');
  });

  it('validates required fields with clear messages before sending anything', async () => {
    const { api, user } = await renderCard({});
    await user.click(
      await screen.findByRole('button', { name: 'File decision' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.clear(within(dialog).getByLabelText(/^Title/));
    await user.clear(
      within(dialog).getByRole('textbox', { name: /^Rationale/ }),
    );
    await user.selectOptions(within(dialog).getByLabelText(/^Chosen mesh/), '');

    await user.click(
      within(dialog).getByRole('button', { name: 'File decision' }),
    );

    expect(
      within(dialog).getByText('A title is required (at least 3 characters).'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'A rationale is required (at least 3 characters): say why.',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Choose the mesh you decided on.'),
    ).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText(/^Title/), 'ab');
    expect(
      within(dialog).getByText('The title needs at least 3 characters.'),
    ).toBeInTheDocument();
    expect(api.callsTo('createDecision')).toEqual([]);
  });

  it('keeps the form open and shows the server error when filing fails', async () => {
    const { api, user } = await renderCard({});
    api.failWith(
      'createDecision',
      403,
      'You may not file a mesh decision for component:default/checkout',
    );
    await user.click(
      await screen.findByRole('button', { name: 'File decision' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.click(
      within(dialog).getByRole('button', { name: 'File decision' }),
    );
    expect(
      await within(dialog).findByText(/You may not file a mesh decision/),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('previews the rationale as markdown', async () => {
    const { user } = await renderCard({});
    await user.click(
      await screen.findByRole('button', { name: 'File decision' }),
    );
    const dialog = await screen.findByRole('dialog');
    const rationale = within(dialog).getByRole('textbox', {
      name: /^Rationale/,
    });
    await user.clear(rationale);
    await user.type(rationale, 'We need **strict** mTLS');
    await user.click(within(dialog).getByRole('tab', { name: 'Preview' }));
    const preview = within(dialog).getByTestId('rationale-preview');
    expect(within(preview).getByText('strict').tagName).toBe('STRONG');
  });

  it('disables actions the user may not take, saying why beside them', async () => {
    const proposed = decisionFixture({
      entityRef: 'component:default/locked',
      id: fixtureId(7),
    });
    const { permissionApi } = await renderCard({
      decisions: [proposed],
      allowed: [],
      entity: service('locked'),
    });
    await screen.findByRole('heading', { name: proposed.title });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Accept' })).toBeDisabled(),
    );
    expect(screen.getByRole('button', { name: 'Reject' })).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'File a new decision' }),
    ).toBeDisabled();

    // written out, not in a hover tooltip, and tied to the button
    const file = screen.getByRole('button', { name: 'File a new decision' });
    expect(file).toHaveAccessibleDescription(
      /You may not file decisions about this service/,
    );
    expect(
      screen.getByText(/You may not file decisions about this service/),
    ).toBeVisible();
    expect(permissionApi.requests).toEqual(
      expect.arrayContaining([
        {
          permission: 'mesh-advisor.decision.create',
          resourceRef: 'component:default/locked',
        },
        {
          permission: 'mesh-advisor.decision.transition',
          resourceRef: 'component:default/locked',
        },
      ]),
    );
  });

  it('downloads the ADR', async () => {
    const proposed = decisionFixture();
    const createObjectURL = jest
      .spyOn(URL, 'createObjectURL')
      .mockReturnValue('blob:adr');
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const { api, user } = await renderCard({ decisions: [proposed] });
    await user.click(
      await screen.findByRole('button', {
        name: `Download ADR: ${proposed.title}`,
      }),
    );
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.callsTo('getDecisionAdr')).toEqual([[proposed.id]]);
    const blob = createObjectURL.mock.calls[0][0] as Blob;
    expect(blob.type).toMatch(/^text\/markdown/);
    expect(click.mock.instances[0]).toHaveAttribute(
      'download',
      // numbered among the service's decisions, named after its title
      `0001-${proposed.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}.md`,
    );
    createObjectURL.mockRestore();
    click.mockRestore();
  });

  it('shows the error when decisions cannot be loaded', async () => {
    const entity = checkoutEntity;
    const api = new FakeMeshAdvisorApi().failWith(
      'listDecisions',
      500,
      'decisions table locked',
    );
    await renderWithApis(
      <DecisionsCard entity={entity} evaluation={evaluationFixture(entity)} />,
      { api, entity },
    );
    expect(
      await screen.findByText(
        /failed while loading the decisions about this service \(HTTP 500: decisions table locked\)/,
      ),
    ).toBeInTheDocument();
    // a way out other than reloading the page
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(api.callsTo('listDecisions')).toHaveLength(2));
    expect(
      screen.queryByRole('button', { name: 'File decision' }),
    ).not.toBeInTheDocument();
  });
});
