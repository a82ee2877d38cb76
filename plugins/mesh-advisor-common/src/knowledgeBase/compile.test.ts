import fc from 'fast-check';
import { CAPABILITIES } from '../vocabulary';
import { capabilitiesOf, capabilityList, maskOf, popcount } from './compile';

const masks = fc.integer({ min: 0, max: 2 ** CAPABILITIES.length - 1 });

describe('capability masks', () => {
  it('list the capabilities of a mask in vocabulary order', () => {
    fc.assert(
      fc.property(masks, mask => {
        const caps = capabilitiesOf(mask);
        expect(caps).toEqual(CAPABILITIES.filter((_, i) => mask & (1 << i)));
        expect(caps).toHaveLength(popcount(mask));
        expect(maskOf(caps)).toBe(mask);
        expect(capabilityList(mask)).toBe(caps.join(', '));
      }),
    );
  });

  it('write the empty mask as nothing', () => {
    expect(capabilityList(0)).toBe('');
    expect(capabilitiesOf(0)).toEqual([]);
  });
});
