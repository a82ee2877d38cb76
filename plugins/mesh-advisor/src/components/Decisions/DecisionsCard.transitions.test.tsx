import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { decisionFixture, fixtureId } from '../../__testUtils__';
import {
  acceptedOn,
  ambientProposal,
  openApi,
  renderCard,
  shownAs,
} from '../../__testUtils__/decisionsCardSetup';

describe('DecisionsCard: status changes', () => {
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
});
