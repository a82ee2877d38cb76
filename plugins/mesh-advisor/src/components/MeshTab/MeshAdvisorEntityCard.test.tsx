import { screen } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import {
  checkoutEntity,
  evaluationsByRef,
  FakeMeshAdvisorApi,
  typoEntity,
  websiteEntity,
} from '../../__testUtils__';
import { MeshAdvisorEntityCard } from './MeshAdvisorEntityCard';

describe('MeshAdvisorEntityCard', () => {
  it('shows the recommendation and links to the Mesh tab', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    const rec = api.evaluations['component:default/checkout'].recommendation!;
    await renderWithApis(<MeshAdvisorEntityCard />, {
      api,
      entity: checkoutEntity,
    });
    expect(await screen.findByText(rec.summary)).toBeInTheDocument();
    expect(
      screen.getByText(`${rec.confidence} confidence`),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the Mesh tab/ }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout/mesh');
  });

  it('says why there is no recommendation for invalid annotations', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    await renderWithApis(<MeshAdvisorEntityCard />, {
      api,
      entity: typoEntity,
    });
    expect(
      await screen.findByText(/the mesh-advisor.io annotations have problems/),
    ).toBeInTheDocument();
  });

  it('explains itself when used on something that is not a service', async () => {
    const api = new FakeMeshAdvisorApi();
    await renderWithApis(<MeshAdvisorEntityCard />, {
      api,
      entity: websiteEntity,
    });
    expect(
      screen.getByText('Mesh Advisor evaluates services only'),
    ).toBeInTheDocument();
    expect(api.calls).toEqual([]);
  });
});
