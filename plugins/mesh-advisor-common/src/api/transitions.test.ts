import { DECISION_TRANSITIONS, transitionRefusal } from './transitions';

describe('decision transitions', () => {
  it('moves proposed decisions to accepted or rejected, and accepted ones to superseded', () => {
    expect(DECISION_TRANSITIONS.accept).toEqual({
      from: 'proposed',
      to: 'accepted',
      event: 'accepted',
    });
    expect(DECISION_TRANSITIONS.reject.to).toBe('rejected');
    expect(DECISION_TRANSITIONS.supersede.from).toBe('accepted');
  });

  it('allows an action only from its status, and says which one it needs', () => {
    expect(transitionRefusal('accept', 'proposed')).toBeUndefined();
    expect(transitionRefusal('supersede', 'accepted')).toBeUndefined();
    expect(transitionRefusal('accept', 'rejected')).toBe(
      'action: cannot accept a rejected decision; only a proposed one',
    );
    expect(transitionRefusal('supersede', 'proposed')).toBe(
      'action: cannot supersede a proposed decision; only a accepted one',
    );
  });
});
