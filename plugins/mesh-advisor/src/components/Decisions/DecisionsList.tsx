import { useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import type { DecisionStatus } from '@mesh-advisor/plugin-mesh-advisor-common';
import { useDecisionList } from '../../hooks/useDecisions';
import { useMeshTabLink } from '../../hooks/useMeshTabLink';
import { shortRef } from '../../lib/refs';
import {
  DecisionStatusChip,
  ErrorWithRetry,
  MeshChip,
  PageControls,
  RelativeTime,
} from '../shared';
import { AdrDownloadButton } from './AdrDownloadButton';

const STATUSES: DecisionStatus[] = [
  'proposed',
  'accepted',
  'rejected',
  'superseded',
];

/** Every decision, newest first, filterable by status. */
export function DecisionsList() {
  const [status, setStatus] = useState<DecisionStatus | ''>('');
  const list = useDecisionList(status || undefined);
  const meshTabLink = useMeshTabLink();
  const items = list.page?.items ?? [];
  return (
    <InfoCard title="Decisions" titleTypographyProps={{ component: 'h2' }}>
      <TextField
        select
        id="mesh-advisor-decision-status"
        label="Decision status"
        value={status}
        onChange={e => setStatus(e.target.value as DecisionStatus | '')}
        SelectProps={{ native: true }}
        // a native select always shows a value: keep the label above it
        InputLabelProps={{ shrink: true }}
        style={{ minWidth: 180 }}
        size="small"
        variant="outlined"
        margin="dense"
      >
        <option value="">all</option>
        {STATUSES.map(s => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </TextField>
      {list.error && (
        <ErrorWithRetry
          error={list.error}
          what="the decisions"
          onRetry={list.retry}
        />
      )}
      {list.loading && !list.page && <Progress />}
      {list.page && !items.length && (
        <EmptyState
          missing="data"
          title={status ? `No ${status} decisions` : 'No decisions yet'}
          description="Decisions are filed from a service's Mesh tab."
        />
      )}
      {items.length > 0 && (
        <>
          <Table size="small" aria-label="Decisions">
            <TableHead>
              <TableRow>
                <TableCell>Decision</TableCell>
                <TableCell>Service</TableCell>
                <TableCell>Chosen</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Author</TableCell>
                <TableCell>Filed</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(d => (
                <TableRow key={d.id}>
                  <TableCell>{d.title}</TableCell>
                  <TableCell>
                    <Link to={meshTabLink(d.entityRef)}>
                      {shortRef(d.entityRef)}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <MeshChip mesh={d.chosen} />
                  </TableCell>
                  <TableCell>
                    <DecisionStatusChip status={d.status} />
                  </TableCell>
                  <TableCell>{shortRef(d.author)}</TableCell>
                  <TableCell>
                    <RelativeTime iso={d.createdAt} />
                  </TableCell>
                  <TableCell>
                    <AdrDownloadButton decision={d} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <PageControls
            label={`Page ${list.pageIndex + 1}`}
            hasPrevious={list.hasPrevious}
            hasNext={list.hasNext}
            onPrevious={list.previous}
            onNext={list.next}
            disabled={list.loading}
          />
        </>
      )}
    </InfoCard>
  );
}
