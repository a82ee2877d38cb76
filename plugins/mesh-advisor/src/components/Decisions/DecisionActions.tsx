import { Fragment, ReactNode, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { meshAdvisorApiRef } from '../../api/MeshAdvisorApi';
import {
  DECISION_TRANSITIONS,
  type Decision,
  type DecisionAction,
  type DecisionTransition,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { serverMessage, statusOf } from '../../lib/errors';
import { PermissionedButton } from './PermissionedButton';
import { SupersedeDialog } from './SupersedeDialog';

const DENIED =
  'You may not change decisions about this service (permission mesh-advisor.decision.transition); ask one of its owners.';

/** Newer proposed or accepted decisions that may supersede `decision`. */
export function supersedeCandidates(
  decision: Decision,
  decisions: Decision[],
): Decision[] {
  return decisions.filter(
    d =>
      d.id !== decision.id &&
      (d.status === 'proposed' || d.status === 'accepted') &&
      d.createdAt > decision.createdAt,
  );
}

/**
 * The accepted decision about the same entity that accepting `decision`
 * would supersede (`older`), or that keeps it from being accepted because
 * it was filed after it (`newer`).
 */
export function acceptedBeside(
  decision: Decision,
  decisions: Decision[],
): { older?: Decision; newer?: Decision } {
  const accepted = decisions.find(
    d => d.id !== decision.id && d.status === 'accepted',
  );
  if (!accepted) return {};
  return accepted.createdAt > decision.createdAt
    ? { newer: accepted }
    : { older: accepted };
}

/** The actions the transition table allows on a decision in `decision`'s status, in table order. */
export function actionsFor(decision: Decision): DecisionAction[] {
  return (Object.keys(DECISION_TRANSITIONS) as DecisionAction[]).filter(
    action => DECISION_TRANSITIONS[action].from === decision.status,
  );
}

type TransitionError = { conflict: boolean; message: string };

/**
 * Sends a transition of `decision` with the version the user saw; `busy`
 * while it is under way, `error` when it failed (a 409 is a `conflict`).
 */
function useTransition(decision: Decision, onDone: () => void) {
  const api = useApi(meshAdvisorApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TransitionError | undefined>();
  const run = async (transition: Omit<DecisionTransition, 'version'>) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.transitionDecision(decision.id, {
        ...transition,
        version: decision.version,
      });
      onDone();
    } catch (e) {
      setError({ conflict: statusOf(e) === 409, message: serverMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** Why a transition failed; on a conflict, a way to reload. */
function TransitionAlert(props: {
  error: TransitionError;
  version: number;
  onReload: () => void;
}) {
  const { error } = props;
  return (
    <Box mb={1}>
      <Alert
        severity={error.conflict ? 'warning' : 'error'}
        action={
          error.conflict ? (
            <Button color="inherit" size="small" onClick={props.onReload}>
              Reload
            </Button>
          ) : undefined
        }
      >
        {error.conflict
          ? `Someone changed this decision since you loaded it (you saw version ${props.version}); reload to see the latest and try again.`
          : error.message}
      </Alert>
    </Box>
  );
}

/** A button per action in the transition table; each shown only where the table allows it. */
function transitionButtons(options: {
  permission: { allowed: boolean; loading: boolean };
  busy: boolean;
  beside: { older?: Decision; newer?: Decision };
  canSupersede: boolean;
  run: (transition: Omit<DecisionTransition, 'version'>) => void;
  openSupersede: () => void;
}): Record<DecisionAction, () => ReactNode> {
  const { permission, busy, beside, canSupersede, run, openSupersede } =
    options;
  const common = {
    allowed: permission.allowed,
    permissionLoading: permission.loading,
    deniedReason: DENIED,
    disabled: busy,
    size: 'small' as const,
  };
  return {
    accept: () => (
      <PermissionedButton
        {...common}
        allowed={permission.allowed && !beside.newer}
        deniedReason={
          permission.allowed && beside.newer
            ? `“${beside.newer.title}”, filed after this one, is accepted; an older decision cannot replace it.`
            : DENIED
        }
        color="primary"
        variant="contained"
        onClick={() => run({ action: 'accept' })}
      >
        Accept
      </PermissionedButton>
    ),
    reject: () => (
      <PermissionedButton
        {...common}
        variant="outlined"
        onClick={() => run({ action: 'reject' })}
      >
        Reject
      </PermissionedButton>
    ),
    supersede: () => (
      <PermissionedButton
        {...common}
        allowed={permission.allowed && canSupersede}
        deniedReason={
          permission.allowed
            ? 'File a newer decision first; then it can supersede this one.'
            : DENIED
        }
        variant="outlined"
        onClick={openSupersede}
      >
        Supersede
      </PermissionedButton>
    ),
  };
}

/**
 * One button per action the transition table ({@link DECISION_TRANSITIONS})
 * allows from the decision's status: Accept / Reject a proposed decision,
 * Supersede an accepted one. Every transition sends the version the user
 * saw; a 409 says someone else got there first.
 */
export function DecisionActions(props: {
  decision: Decision;
  decisions: Decision[];
  permission: { allowed: boolean; loading: boolean };
  onChanged: () => void;
}) {
  const { decision, decisions, permission, onChanged } = props;
  const [supersedeOpen, setSupersedeOpen] = useState(false);
  const { busy, error, run } = useTransition(decision, () => {
    setSupersedeOpen(false);
    onChanged();
  });
  const candidates = supersedeCandidates(decision, decisions);
  const beside = acceptedBeside(decision, decisions);
  const actions = actionsFor(decision);

  const buttons = transitionButtons({
    permission,
    busy,
    beside,
    canSupersede: candidates.length > 0,
    run,
    openSupersede: () => setSupersedeOpen(true),
  });

  return (
    <Box>
      {error && (
        <TransitionAlert
          error={error}
          version={decision.version}
          onReload={onChanged}
        />
      )}
      {actions.map((action, i) => (
        <Fragment key={action}>
          {i > 0 && ' '}
          {buttons[action]()}
        </Fragment>
      ))}
      {actions.includes('accept') && beside.older && (
        <Typography variant="caption" color="textSecondary" component="p">
          Accepting it supersedes “{beside.older.title}”, accepted now.
        </Typography>
      )}
      {supersedeOpen && (
        <SupersedeDialog
          open
          decision={decision}
          candidates={candidates}
          busy={busy}
          onClose={() => setSupersedeOpen(false)}
          onConfirm={(supersededBy, note) =>
            run({ action: 'supersede', supersededBy, note })
          }
        />
      )}
    </Box>
  );
}
