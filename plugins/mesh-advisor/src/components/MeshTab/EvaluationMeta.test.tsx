import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import {
  checkoutEntity,
  evaluationFixture,
  FakeMeshAdvisorApi,
  FIXTURE_EVALUATED_AT,
} from '../../__testUtils__';
import { EvaluationMeta, freshnessOf } from './EvaluationMeta';
import { MeshTab } from './MeshTab';

describe('EvaluationMeta: freshness (issue 17)', () => {
  it('says the advice is up to date when it was computed from the entity version the page shows', async () => {
    const evaluation = evaluationFixture(checkoutEntity, {
      catalogVersion: 'etag-2',
    });
    await renderWithApis(
      <EvaluationMeta
        evaluation={evaluation}
        onEvaluateNow={() => {}}
        entityEtag="etag-2"
      />,
      { api: new FakeMeshAdvisorApi({}) },
    );
    expect(
      screen.getByText(/^Evaluated/).querySelector('time'),
    ).toHaveAttribute('dateTime', FIXTURE_EVALUATED_AT);
    expect(screen.getByTestId('evaluation-freshness')).toHaveTextContent(
      "up to date with the entity's latest catalog version",
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says the latest catalog change is being evaluated when the etags differ, and offers to evaluate now', async () => {
    const onEvaluateNow = jest.fn();
    const evaluation = evaluationFixture(checkoutEntity, {
      catalogVersion: 'etag-1',
    });
    await renderWithApis(
      <EvaluationMeta
        evaluation={evaluation}
        onEvaluateNow={onEvaluateNow}
        entityEtag="etag-2"
      />,
      { api: new FakeMeshAdvisorApi({}) },
    );
    const notice = screen.getByTestId('evaluation-freshness');
    expect(notice).toHaveTextContent(
      /^Your latest catalog change is being evaluated/,
    );
    expect(notice).toHaveTextContent('etag-1');
    expect(notice).toHaveTextContent('etag-2');
    await userEvent.click(screen.getByRole('button', { name: 'Evaluate now' }));
    expect(onEvaluateNow).toHaveBeenCalledTimes(1);
  });

  it('says nothing about freshness when the catalog version was not recorded', () => {
    const evaluation = evaluationFixture(checkoutEntity);
    expect(freshnessOf(evaluation, 'etag-2')).toBe('unknown');
    expect(freshnessOf({ ...evaluation, catalogVersion: null }, 'etag-2')).toBe(
      'unknown',
    );
    expect(
      freshnessOf({ ...evaluation, catalogVersion: 'etag-2' }, undefined),
    ).toBe('unknown');
  });

  it("compares with the entity's metadata.etag on the Mesh tab", async () => {
    const entity = {
      ...checkoutEntity,
      metadata: { ...checkoutEntity.metadata, etag: 'etag-now' },
    };
    const api = new FakeMeshAdvisorApi({
      evaluations: {
        'component:default/checkout': evaluationFixture(entity, {
          catalogVersion: 'etag-before',
        }),
      },
    });
    await renderWithApis(<MeshTab />, { api, entity });
    expect(await screen.findByTestId('evaluation-freshness')).toHaveTextContent(
      /^Your latest catalog change is being evaluated/,
    );
  });
});
