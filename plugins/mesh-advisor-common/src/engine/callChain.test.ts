import { callChainDepths } from './callChain';
import { service } from '../__testUtils__/testEntities';

describe('callChainDepths', () => {
  it('counts the longest chain of services each one depends on', () => {
    const depths = callChainDepths([
      service(
        'edge',
        {},
        { dependsOn: ['component:checkout', 'resource:default/db'] },
      ),
      service(
        'checkout',
        {},
        { dependsOn: ['component:default/payments', 'cart'] },
      ),
      service('payments', {}, { dependsOn: ['component:ledger'] }),
      service('cart'),
      service('ledger'),
      service('loner', {}, { dependsOn: ['component:missing', 42] }),
    ]);
    expect(Object.fromEntries(depths)).toEqual({
      'component:default/edge': 4,
      'component:default/checkout': 3,
      'component:default/payments': 2,
      'component:default/cart': 1,
      'component:default/ledger': 1,
      'component:default/loner': 1,
    });
  });

  it('terminates on dependency cycles', () => {
    const depths = callChainDepths([
      service('a', {}, { dependsOn: ['component:b'] }),
      service('b', {}, { dependsOn: ['component:c'] }),
      service('c', {}, { dependsOn: ['component:a'] }),
    ]);
    expect([...depths.values()].every(d => d >= 1 && d <= 3)).toBe(true);
    expect(depths.get('component:default/a')).toBe(3);
  });
});
