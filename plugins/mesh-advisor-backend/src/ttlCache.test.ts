import { TtlCache } from './ttlCache';

describe('TtlCache', () => {
  afterEach(() => jest.useRealTimers());

  it('reuses a read for its time to live, then reads again', async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new TtlCache<number>(2000);
    let reads = 0;
    const read = async () => ++reads;
    expect(await cache.get('k', read)).toBe(1);
    jest.setSystemTime(1999);
    expect(await cache.get('k', read)).toBe(1);
    expect(await cache.get('other', read)).toBe(2);
    jest.setSystemTime(2000);
    expect(await cache.get('k', read)).toBe(3);
    cache.clear();
    expect(await cache.get('k', read)).toBe(4);
  });

  it('keeps nothing with a time to live of 0', async () => {
    const cache = new TtlCache<number>(0);
    let reads = 0;
    const read = async () => ++reads;
    await cache.get('k', read);
    expect(await cache.get('k', read)).toBe(2);
  });

  it('forgets a read that failed, and everything past its size', async () => {
    const cache = new TtlCache<number>(60_000, 2);
    await expect(
      cache.get('k', () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
    expect(await cache.get('k', async () => 1)).toBe(1);
    await cache.get('b', async () => 2);
    // a third key: the cache was full, so 'k' is read again afterwards
    await cache.get('c', async () => 3);
    expect(await cache.get('k', async () => 4)).toBe(4);
  });
});
