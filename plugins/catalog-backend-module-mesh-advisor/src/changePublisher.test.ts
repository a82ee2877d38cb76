import type { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import {
  MESH_INPUTS_CHANGED_TOPIC,
  MeshInputsChangedPayload,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { MeshInputsChangePublisher } from './changePublisher';

const entity = (
  annotations: Record<string, string> = {},
  spec: Record<string, unknown> = {},
  description?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'Payments-API',
    namespace: 'default',
    annotations,
    ...(description ? { description } : {}),
  },
  spec: { type: 'service', owner: 'team', lifecycle: 'production', ...spec },
});

async function publisher(rejectsMalformed = false) {
  const events = DefaultEventsService.create({
    logger: mockServices.logger.mock(),
  });
  const received: MeshInputsChangedPayload[] = [];
  await events.subscribe({
    id: 'test',
    topics: [MESH_INPUTS_CHANGED_TOPIC],
    onEvent: async e => {
      received.push(e.eventPayload as MeshInputsChangedPayload);
    },
  });
  const p = new MeshInputsChangePublisher({ events, rejectsMalformed });
  const process = async (e: Entity) => {
    await p.postProcessEntity(e);
    await new Promise(r => setImmediate(r));
  };
  return { process, received };
}

describe('MeshInputsChangePublisher', () => {
  it('announces a change to the mesh-relevant inputs, not the first sighting nor other edits', async () => {
    const { process, received } = await publisher();
    await process(entity({ 'mesh-advisor.io/exposure': 'internal' }));
    await process(entity({ 'mesh-advisor.io/exposure': 'internal' }));
    // a description or a foreign annotation is not a mesh input
    await process(
      entity(
        { 'mesh-advisor.io/exposure': 'internal', 'backstage.io/x': 'y' },
        {},
        'now with a description',
      ),
    );
    expect(received).toEqual([]);

    await process(entity({ 'mesh-advisor.io/exposure': 'internet' }));
    await process(
      entity(
        { 'mesh-advisor.io/exposure': 'internet' },
        { dependsOn: ['component:ledger'] },
      ),
    );
    await process(
      entity(
        { 'mesh-advisor.io/exposure': 'internet' },
        { dependsOn: ['component:ledger'], owner: 'other-team' },
      ),
    );
    expect(received).toHaveLength(3);
    expect(received[0].entityRef).toBe('component:default/payments-api');
    expect(new Set(received.map(r => r.inputsHash)).size).toBe(3);
  });

  it('does not announce a version the catalog rejects, nor other kinds', async () => {
    const { process, received } = await publisher(true);
    await process(entity({ 'mesh-advisor.io/replicas': '2' }));
    await process(entity({ 'mesh-advisor.io/replicas': '-2' }));
    const api = { ...entity(), kind: 'API' };
    await process(api);
    await process({ ...api, spec: { ...api.spec, owner: 'x' } });
    expect(received).toEqual([]);
  });
});
