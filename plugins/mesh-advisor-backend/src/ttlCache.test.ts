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
    // expired: the old value is served while it is read again, once
    jest.setSystemTime(2000);
    const first = cache.get('k', read);
    const second = cache.get('k', read);
    expect(await first).toBe(1);
    expect(await second).toBe(1);
    expect(reads).toBe(3);
    expect(await cache.get('k', read)).toBe(3);
    cache.clear();
    expect(await cache.get('k', read)).toBe(4);
    // older than twice the time to live: read before answering
    jest.setSystemTime(10_000);
    expect(await cache.get('k', read)).toBe(5);
  });

  it('does not keep a read again that a clear overtook', async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new TtlCache<string>(2000);
    await cache.get('k', async () => 'old');
    jest.setSystemTime(2500);
    let land: (v: string) => void = () => {};
    const again = new Promise<string>(r => (land = r));
    expect(await cache.get('k', () => again)).toBe('old');
    cache.clear();
    land('read before the write');
    await again;
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('forgets a value whose read again failed', async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new TtlCache<number>(2000);
    await cache.get('k', async () => 1);
    jest.setSystemTime(2500);
    expect(await cache.get('k', () => Promise.reject(new Error('down')))).toBe(
      1,
    );
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(await cache.get('k', async () => 2)).toBe(2);
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
