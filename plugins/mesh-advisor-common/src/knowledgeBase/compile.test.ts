import fc from 'fast-check';
import { CAPABILITIES } from '../vocabulary';
import {
  MAX_CAPABILITIES,
  assertCapabilitiesFitMasks,
  capabilitiesOf,
  capabilityList,
  maskOf,
  popcount,
} from './compile';

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

describe('the capability count', () => {
  it('fits a 31-bit mask', () => {
    expect(CAPABILITIES.length).toBeLessThanOrEqual(MAX_CAPABILITIES);
    expect(() => assertCapabilitiesFitMasks(CAPABILITIES.length)).not.toThrow();
    // the highest capability's bit is still a positive int32
    expect(maskOf([CAPABILITIES[CAPABILITIES.length - 1]])).toBeGreaterThan(0);
  });

  it('refuses a 32nd capability with a message that says what to do', () => {
    expect(() => assertCapabilitiesFitMasks(MAX_CAPABILITIES + 1)).toThrow(
      /32 capabilities, but capability masks are 31-bit integers: at most 31\. Widen the masks/,
    );
  });
});
