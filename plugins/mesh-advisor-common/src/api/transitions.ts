import type {
  DecisionAction,
  DecisionEventType,
  DecisionStatus,
} from './decisions';

/** Where one action takes a decision, and the event it records. @public */
export type DecisionStatusChange = {
  from: DecisionStatus;
  to: DecisionStatus;
  event: Exclude<DecisionEventType, 'created'>;
};

/**
 * Which action moves a decision from which status to which: proposed →
 * accepted | rejected; accepted → superseded. The backend enforces it; the
 * frontend's fake follows the same table.
 * @public
 */
export const DECISION_TRANSITIONS: Readonly<
  Record<DecisionAction, DecisionStatusChange>
> = {
  accept: { from: 'proposed', to: 'accepted', event: 'accepted' },
  reject: { from: 'proposed', to: 'rejected', event: 'rejected' },
  supersede: { from: 'accepted', to: 'superseded', event: 'superseded' },
};

/**
 * Why `action` cannot be applied to a decision in `status`, as a message
 * naming the field; undefined when it can.
 * @public
 */
export function transitionRefusal(
  action: DecisionAction,
  status: DecisionStatus,
): string | undefined {
  const { from } = DECISION_TRANSITIONS[action];
  return status === from
    ? undefined
    : `action: cannot ${action} a ${status} decision; only a ${from} one`;
}
