import { BoundedCache } from './boundedCache';

describe('BoundedCache', () => {
  it('returns what was set, and forgets everything when full', () => {
    const cache = new BoundedCache<number, string>(2);
    expect(cache.set(1, 'one')).toBe('one');
    cache.set(2, 'two');
    expect(cache.get(1)).toBe('one');
    expect(cache.get(2)).toBe('two');
    cache.set(3, 'three');
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(3)).toBe('three');
  });
});
