import type { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { MeshAdvisorAnnotationsProcessor } from './processor';

const location = { type: 'file', target: '/catalog-info.yaml' };
const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

describe('MeshAdvisorAnnotationsProcessor', () => {
  it('reports each malformed annotation as an entity error with the engine message', async () => {
    const emit = jest.fn();
    const input = entity({
      'mesh-advisor.io/requires': 'mtls, fault-injektion',
      'mesh-advisor.io/replicas': '-2',
    });
    const out = await new MeshAdvisorAnnotationsProcessor().postProcessEntity(
      input,
      location,
      emit,
    );
    expect(out).toBe(input);
    expect(emit).toHaveBeenCalledTimes(2);
    const [first] = emit.mock.calls[0];
    expect(first.type).toBe('error');
    expect(first.location).toEqual(location);
    expect(first.error.name).toBe('InputError');
    expect(first.error.message).toContain(
      'mesh-advisor.io/requires: "fault-injektion" is not a known capability — did you mean "fault-injection"?',
    );
    expect(emit.mock.calls[1][0].error.message).toContain(
      'mesh-advisor.io/replicas: "-2"',
    );
  });

  it('stays silent for valid or absent annotations', async () => {
    const emit = jest.fn();
    const p = new MeshAdvisorAnnotationsProcessor();
    await p.postProcessEntity(
      entity({ 'mesh-advisor.io/requires': 'mtls' }),
      location,
      emit,
    );
    await p.postProcessEntity(
      entity({ 'backstage.io/kubernetes-id': 'x' }),
      location,
      emit,
    );
    expect(emit).not.toHaveBeenCalled();
  });

  it('only logs in warn mode, keeping the entity', async () => {
    const emit = jest.fn();
    const logger = mockServices.logger.mock();
    await new MeshAdvisorAnnotationsProcessor({
      mode: 'warn',
      logger,
    }).postProcessEntity(
      entity({ 'mesh-advisor.io/ops-capacity': 'meduim' }),
      location,
      emit,
    );
    expect(emit).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'component:default/payments-api: mesh-advisor.io/ops-capacity: "meduim" is not allowed — did you mean "medium"?',
      ),
    );
  });
});
