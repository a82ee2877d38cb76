import {
  matchesLabels,
  parseLabelSelector,
  workloadSelector,
} from './workloadSelector';
import { service } from '../__testUtils__/live/entities';

describe('label selectors', () => {
  it.each([
    ['app=web', { app: 'web' }, true],
    ['app==web,tier=front', { app: 'web', tier: 'back' }, false],
    ['app!=web', { app: 'api' }, true],
    ['app!=web', {}, true],
    ['env in (prod, staging)', { env: 'staging' }, true],
    ['env notin (prod),app', { env: 'dev', app: 'x' }, true],
    ['!canary', { canary: 'true' }, false],
    ['app.kubernetes.io/name=web', { 'app.kubernetes.io/name': 'web' }, true],
  ])('%s on %j → %s', (selector, labels, expected) => {
    expect(matchesLabels(parseLabelSelector(selector)!, labels)).toBe(expected);
  });

  it('refuses a malformed selector instead of matching everything', () => {
    expect(parseLabelSelector('app=(web')).toBeNull();
    expect(
      workloadSelector(
        service('a', { 'backstage.io/kubernetes-label-selector': 'a b' }),
      ),
    ).toBeNull();
  });

  it('takes the label selector over the kubernetes-id, and the namespace annotation', () => {
    const s = workloadSelector(
      service('a', {
        'backstage.io/kubernetes-id': 'a',
        'backstage.io/kubernetes-label-selector': 'app=a',
        'backstage.io/kubernetes-namespace': 'shop',
      }),
    );
    expect(s?.kubernetesId).toBeUndefined();
    expect(s?.namespace).toBe('shop');
    expect(
      workloadSelector(service('b', { 'backstage.io/kubernetes-id': 'b' }))
        ?.kubernetesId,
    ).toBe('b');
    expect(workloadSelector(service('c'))).toBeNull();
  });
});
