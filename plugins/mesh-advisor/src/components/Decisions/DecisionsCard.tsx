import { useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  meshDecisionCreatePermission,
  meshDecisionTransitionPermission,
  StoredEvaluation,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { useEntityDecisions } from '../../hooks/useDecisions';
import { DecisionStatusChip, ErrorWithRetry, MeshChip } from '../shared';
import { AdrDownloadButton } from './AdrDownloadButton';
import { DecisionActions } from './DecisionActions';
import { DecisionFormDialog } from './DecisionFormDialog';
import { DecisionHistory } from './DecisionHistory';
import { DecisionSummary } from './DecisionSummary';
import { PermissionedButton } from './PermissionedButton';
import { prefillDecision } from './prefillDecision';

// (Box's borderColor loses to its own border shorthand in MUI v4: the line
// came out in the text colour, black, or white on the dark theme)
const useStyles = makeStyles(theme => ({
  other: { borderTop: `1px solid ${theme.palette.divider}` },
}));

/**
 * The decision in force for a service, its history, and the actions the
 * user may take: file, accept, reject, supersede, download the ADR.
 */
export function DecisionsCard(props: {
  entity: Entity;
  evaluation?: StoredEvaluation;
}) {
  const state = useEntityDecisions(stringifyEntityRef(props.entity));
  return <DecisionsPanel {...props} state={state} />;
}

/**
 * The Decision card over decisions loaded by the caller, so the Mesh tab's
 * summary and this card show the same decision in force after a change.
 */
export function DecisionsPanel(props: {
  entity: Entity;
  evaluation?: StoredEvaluation;
  state: ReturnType<typeof useEntityDecisions>;
}) {
  const { entity, evaluation } = props;
  const entityRef = stringifyEntityRef(entity);
  const classes = useStyles();
  const { decisions, inForce, loading, error, reload } = props.state;
  const create = usePermission({
    permission: meshDecisionCreatePermission,
    resourceRef: entityRef,
  });
  const transition = usePermission({
    permission: meshDecisionTransitionPermission,
    resourceRef: entityRef,
  });
  const [formOpen, setFormOpen] = useState(false);
  const others = decisions.filter(d => d.id !== inForce?.id);

  const fileButton = (
    <PermissionedButton
      allowed={create.allowed}
      permissionLoading={create.loading}
      deniedReason="You may not file decisions about this service (permission mesh-advisor.decision.create); ask one of its owners."
      color="primary"
      variant={inForce ? 'outlined' : 'contained'}
      size="small"
      onClick={() => setFormOpen(true)}
    >
      {inForce ? 'File a new decision' : 'File decision'}
    </PermissionedButton>
  );

  return (
    <InfoCard title="Decision" titleTypographyProps={{ component: 'h2' }}>
      {loading && !decisions.length && <Progress />}
      {error && (
        <ErrorWithRetry
          error={error}
          what="the decisions about this service"
          onRetry={reload}
        />
      )}
      {!loading && !error && !inForce && (
        <Box mb={2}>
          <Typography variant="body1">No decision yet</Typography>
          <Typography variant="body2" color="textSecondary">
            Record which mesh this service adopts and why; it becomes an ADR you
            can download.
          </Typography>
        </Box>
      )}
      {inForce && (
        <Box data-testid="decision-in-force">
          <DecisionSummary
            decision={inForce}
            recommended={evaluation?.recommendation?.mesh}
          />
          <Box display="flex" alignItems="center" flexWrap="wrap" my={1}>
            <DecisionActions
              decision={inForce}
              decisions={decisions}
              permission={transition}
              onChanged={reload}
            />
            <AdrDownloadButton decision={inForce} />
          </Box>
          <Typography variant="subtitle2">History</Typography>
          <DecisionHistory decisionId={inForce.id} version={inForce.version} />
          <Box my={2}>
            <Divider />
          </Box>
        </Box>
      )}
      {!error && fileButton}
      {others.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">
            Earlier and other decisions
          </Typography>
          <Box component="ul" pl={0} m={0} style={{ listStyle: 'none' }}>
            {others.map(d => (
              <Box
                component="li"
                key={d.id}
                aria-label={d.title}
                py={0.5}
                className={classes.other}
              >
                <Box display="flex" alignItems="center" flexWrap="wrap">
                  <Box mr={1}>
                    <DecisionStatusChip status={d.status} />
                  </Box>
                  <Box mr={1}>
                    <MeshChip mesh={d.chosen} />
                  </Box>
                  <Typography variant="body2">{d.title}</Typography>
                </Box>
                <Box display="flex" alignItems="center" flexWrap="wrap">
                  {(d.status === 'proposed' || d.status === 'accepted') && (
                    <DecisionActions
                      decision={d}
                      decisions={decisions}
                      permission={transition}
                      onChanged={reload}
                    />
                  )}
                  <AdrDownloadButton decision={d} />
                </Box>
              </Box>
            ))}
          </Box>
        </Box>
      )}
      {formOpen && (
        <DecisionFormDialog
          open
          entityRef={entityRef}
          initial={prefillDecision(entity, evaluation)}
          onClose={() => setFormOpen(false)}
          onCreated={() => {
            setFormOpen(false);
            reload();
          }}
        />
      )}
    </InfoCard>
  );
}
