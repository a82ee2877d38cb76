import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import { loadOpenApiValidator } from '../../__testUtils__/openApiValidator';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import {
  checkoutEntity,
  decisionFixture,
  evaluationFixture,
  FakeMeshAdvisorApi,
  fakePermissionApi,
  fixtureId,
  service,
} from '../../__testUtils__';
import type { Decision } from '@mesh-advisor/plugin-mesh-advisor-common';
import { DecisionsCard } from './DecisionsCard';

const openApi = loadOpenApiValidator();

async function renderCard(options: {
  decisions?: Decision[];
  allowed?: string[];
  entity?: Entity;
}) {
  const entity = options.entity ?? checkoutEntity;
  const evaluation = evaluationFixture(entity);
  const api = new FakeMeshAdvisorApi({ decisions: options.decisions ?? [] });
  const permissionApi = fakePermissionApi(options.allowed);
  await renderWithApis(
    <DecisionsCard entity={entity} evaluation={evaluation} />,
    { api, entity, permissionApi },
  );
  return { api, evaluation, permissionApi, user: userEvent.setup() };
}

/** The checkout decision for Linkerd, accepted, filed at `createdAt`. */
const acceptedOn = (createdAt: string) =>
  decisionFixture({
    id: fixtureId(1),
    title: 'Adopt Linkerd for checkout',
    status: 'accepted',
    version: 2,
    createdAt,
  });

/** A proposal to move checkout to Istio ambient, filed after the accepted one. */
const ambientProposal = (id: string) =>
  decisionFixture({
    id,
    title: 'Move checkout to Istio ambient',
    chosen: 'istio-ambient',
    createdAt: '2026-11-19T09:00:00.000Z',
  });

/** Waits until the listed decision titled `title` shows `status`. */
const shownAs = (title: string, status: string) =>
  waitFor(() =>
    expect(
      within(screen.getByRole('listitem', { name: title })).getByText(status),
    ).toBeInTheDocument(),
  );

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

  it('accepts a proposed decision, sending the version it showed', async () => {
    const proposed = decisionFixture({ version: 1 });
    const { api, user } = await renderCard({ decisions: [proposed] });
    expect(
      await screen.findByRole('heading', { name: proposed.title }),
    ).toBeInTheDocument();

    await user.click(await screen.findByRole('button', { name: 'Accept' }));

    await waitFor(() =>
      expect(api.callsTo('transitionDecision')).toEqual([
        [proposed.id, { action: 'accept', version: 1 }],
      ]),
    );
    expect(
      openApi.validateRequestBody(
        'TransitionDecision',
        api.callsTo('transitionDecision')[0][1],
      ),
    ).toEqual([]);
    expect(await screen.findByText('accepted')).toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'Decision history' }),
    ).toHaveTextContent('Accepted by guest');
  });

  it('says that accepting supersedes the accepted decision, and that an older one cannot replace a newer', async () => {
    const accepted = acceptedOn('2026-11-10T09:00:00.000Z');
    const older = decisionFixture({
      id: fixtureId(2),
      title: 'Keep checkout without a mesh',
      chosen: 'none',
      createdAt: '2026-11-01T09:00:00.000Z',
    });
    const newer = ambientProposal(fixtureId(3));
    const { api, user } = await renderCard({
      decisions: [accepted, older, newer],
    });
    await screen.findByRole('heading', { name: newer.title });

    const olderItem = screen.getByRole('listitem', { name: older.title });
    const refused = within(olderItem).getByRole('button', { name: 'Accept' });
    expect(refused).toBeDisabled();
    fireEvent.mouseOver(refused.parentElement!);
    expect(
      await screen.findByText(
        `“${accepted.title}”, filed after this one, is accepted; an older decision cannot replace it.`,
      ),
    ).toBeInTheDocument();

    expect(
      screen.getByText(
        `Accepting it supersedes “${accepted.title}”, accepted now.`,
      ),
    ).toBeInTheDocument();
    await user.click(
      within(screen.getByTestId('decision-in-force')).getByRole('button', {
        name: 'Accept',
      }),
    );
    await shownAs(accepted.title, 'superseded');
    expect(api.decisions.find(d => d.id === newer.id)).toMatchObject({
      status: 'accepted',
      supersedes: accepted.id,
    });
  });

  it('says clearly when someone else changed the decision (409)', async () => {
    const proposed = decisionFixture({ version: 1 });
    const { api, user } = await renderCard({ decisions: [proposed] });
    await screen.findByRole('heading', { name: proposed.title });
    // Someone accepts it elsewhere meanwhile.
    api.decisions[0].version = 2;

    await user.click(await screen.findByRole('button', { name: 'Reject' }));

    expect(
      await screen.findByText(
        /Someone changed this decision since you loaded it/,
      ),
    ).toHaveTextContent('you saw version 1');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
  });

  it('supersedes an accepted decision with a newer one, sending its version', async () => {
    const accepted = acceptedOn('2026-11-01T09:00:00.000Z');
    const newer = ambientProposal(fixtureId(2));
    const { api, user } = await renderCard({ decisions: [accepted, newer] });
    // The newest proposed or accepted decision is the one in force.
    expect(
      await screen.findByRole('heading', { name: newer.title }),
    ).toBeInTheDocument();
    const older = screen.getByRole('listitem', { name: accepted.title });

    await user.click(within(older).getByRole('button', { name: 'Supersede' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Superseded by')).toHaveValue(
      newer.id,
    );
    await user.type(
      within(dialog).getByLabelText('Note (optional)'),
      'JWT needed',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Supersede' }));

    await waitFor(() =>
      expect(api.callsTo('transitionDecision')).toEqual([
        [
          accepted.id,
          {
            action: 'supersede',
            version: 2,
            supersededBy: newer.id,
            note: 'JWT needed',
          },
        ],
      ]),
    );
    expect(
      openApi.validateRequestBody(
        'TransitionDecision',
        api.callsTo('transitionDecision')[0][1],
      ),
    ).toEqual([]);
    await shownAs(accepted.title, 'superseded');
  });

  it('cannot supersede an accepted decision until a newer one exists', async () => {
    const accepted = decisionFixture({ status: 'accepted', version: 2 });
    await renderCard({ decisions: [accepted] });
    await screen.findByRole('heading', { name: accepted.title });
    expect(screen.getByRole('button', { name: 'Supersede' })).toBeDisabled();
    fireEvent.mouseOver(
      screen.getByRole('button', { name: 'Supersede' }).parentElement!,
    );
    expect(
      await screen.findByText(/File a newer decision first/),
    ).toBeInTheDocument();
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
