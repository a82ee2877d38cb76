import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { meshAdvisorApiRef } from '../../api/MeshAdvisorApi';
import type {
  Decision,
  DecisionTransition,
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

/**
 * Accept / Reject a proposed decision, Supersede an accepted one. Every
 * transition sends the version the user saw; a 409 says someone else got
 * there first.
 */
export function DecisionActions(props: {
  decision: Decision;
  decisions: Decision[];
  permission: { allowed: boolean; loading: boolean };
  onChanged: () => void;
}) {
  const { decision, decisions, permission, onChanged } = props;
  const api = useApi(meshAdvisorApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<
    { conflict: boolean; message: string } | undefined
  >();
  const [supersedeOpen, setSupersedeOpen] = useState(false);
  const candidates = supersedeCandidates(decision, decisions);
  const beside = acceptedBeside(decision, decisions);

  const run = async (transition: Omit<DecisionTransition, 'version'>) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.transitionDecision(decision.id, {
        ...transition,
        version: decision.version,
      });
      setSupersedeOpen(false);
      onChanged();
    } catch (e) {
      setError({ conflict: statusOf(e) === 409, message: serverMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const common = {
    allowed: permission.allowed,
    permissionLoading: permission.loading,
    deniedReason: DENIED,
    disabled: busy,
    size: 'small' as const,
  };

  return (
    <Box>
      {error && (
        <Box mb={1}>
          <Alert
            severity={error.conflict ? 'warning' : 'error'}
            action={
              error.conflict ? (
                <Button color="inherit" size="small" onClick={onChanged}>
                  Reload
                </Button>
              ) : undefined
            }
          >
            {error.conflict
              ? `Someone changed this decision since you loaded it (you saw version ${decision.version}); reload to see the latest and try again.`
              : error.message}
          </Alert>
        </Box>
      )}
      {decision.status === 'proposed' && (
        <>
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
          </PermissionedButton>{' '}
          <PermissionedButton
            {...common}
            variant="outlined"
            onClick={() => run({ action: 'reject' })}
          >
            Reject
          </PermissionedButton>
          {beside.older && (
            <Typography variant="caption" color="textSecondary" component="p">
              Accepting it supersedes “{beside.older.title}”, accepted now.
            </Typography>
          )}
        </>
      )}
      {decision.status === 'accepted' && (
        <PermissionedButton
          {...common}
          allowed={permission.allowed && candidates.length > 0}
          deniedReason={
            permission.allowed
              ? 'File a newer decision first; then it can supersede this one.'
              : DENIED
          }
          variant="outlined"
          onClick={() => setSupersedeOpen(true)}
        >
          Supersede
        </PermissionedButton>
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
