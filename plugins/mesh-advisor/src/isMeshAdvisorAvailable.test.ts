import { isMeshAdvisorAvailable } from './isMeshAdvisorAvailable';
import { checkoutEntity, websiteEntity } from './__testUtils__';

describe('isMeshAdvisorAvailable', () => {
  it('holds for Components of type service, in any case', () => {
    expect(isMeshAdvisorAvailable(checkoutEntity)).toBe(true);
    expect(
      isMeshAdvisorAvailable({
        ...checkoutEntity,
        kind: 'component',
        spec: { type: 'Service' },
      }),
    ).toBe(true);
  });

  it('does not hold for other kinds or types', () => {
    expect(isMeshAdvisorAvailable(websiteEntity)).toBe(false);
    expect(isMeshAdvisorAvailable({ ...checkoutEntity, kind: 'API' })).toBe(
      false,
    );
    expect(isMeshAdvisorAvailable({ ...checkoutEntity, spec: undefined })).toBe(
      false,
    );
  });
});
