import { ConfigReader } from '@backstage/config';
import { readMeshAdvisorConfig } from './config';

const read = (meshAdvisor?: object) =>
  readMeshAdvisorConfig(new ConfigReader(meshAdvisor ? { meshAdvisor } : {}));

describe('readMeshAdvisorConfig', () => {
  it('works unconfigured: bundled knowledge base, hourly sweep, 2 s read cache', async () => {
    const settings = await read();
    expect(settings.platform).toEqual({});
    expect(settings.schedule.frequency).toEqual({ minutes: 60 });
    expect(settings.knowledgeBaseSource).toBe('bundled');
    expect(settings.cacheMs).toBe(2000);
  });

  it('reads the platform and the cache time, numbers given as strings too', async () => {
    const settings = await read({
      platform: {
        cni: 'Cilium',
        currentMesh: 'linkerd',
        releasePolicy: 'open-source-stable',
      },
      cacheSeconds: '0.5',
    });
    expect(settings.platform).toEqual({
      cni: 'cilium',
      currentMesh: 'linkerd',
      releasePolicy: 'open-source-stable',
    });
    expect(settings.cacheMs).toBe(500);
    expect((await read({ cacheSeconds: 0 })).cacheMs).toBe(0);
  });

  it.each([
    [
      { platform: { currentMesh: 'kuma' } },
      /^Invalid config meshAdvisor\.platform\.currentMesh: /,
    ],
    [
      { platform: { releasePolicy: 'stable-only' } },
      /^Invalid config meshAdvisor\.platform\.releasePolicy: /,
    ],
    [
      { platform: { clusters: 0 } },
      /^Invalid config meshAdvisor\.platform\.clusters: /,
    ],
    [
      { schedule: { frequency: 'often' } },
      /^Invalid config meshAdvisor\.schedule: /,
    ],
    [
      { knowledgeBase: '/nonexistent/kb.yaml' },
      /^Invalid config meshAdvisor\.knowledgeBase: cannot read /,
    ],
    [
      { cacheSeconds: -1 },
      'Invalid config meshAdvisor.cacheSeconds: -1 — expected a number of seconds from 0 to 60',
    ],
    [
      { cacheSeconds: 'soon' },
      'Invalid config meshAdvisor.cacheSeconds: "soon" — expected a number of seconds from 0 to 60',
    ],
  ])('fails startup on %j, naming the key', async (meshAdvisor, message) => {
    await expect(read(meshAdvisor)).rejects.toThrow(message);
  });
});
