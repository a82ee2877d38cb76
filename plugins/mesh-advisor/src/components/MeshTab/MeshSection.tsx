import { ReactNode } from 'react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary, {
  AccordionSummaryProps,
} from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';

// The heading wraps the summary button (a heading inside a role="button"
// would lose its heading role). Accordion clones its first child with
// expanded/onChange and reads its id, so those are passed through.
function HeadingSummary(props: AccordionSummaryProps) {
  return (
    <Typography variant="h6" component="h2" style={{ margin: 0 }}>
      <AccordionSummary {...props} />
    </Typography>
  );
}

/**
 * A collapsible section of the Mesh tab, headed by an h2: the detail a
 * service owner opens when the summary is not enough. Closed sections are
 * not rendered, which keeps the tab short and fast.
 */
export function MeshSection(props: {
  id: string;
  title: string;
  /** one line on what is inside */
  hint: string;
  expanded: boolean;
  onToggle: (expanded: boolean) => void;
  children: ReactNode;
}) {
  const { id, title, hint, expanded, onToggle, children } = props;
  return (
    <Accordion
      expanded={expanded}
      onChange={(_e, open) => onToggle(open)}
      TransitionProps={{ unmountOnExit: true }}
      data-testid={`section-${id}`}
    >
      <HeadingSummary
        expandIcon={<ExpandMoreIcon />}
        id={`mesh-section-${id}`}
        aria-controls={`mesh-section-${id}-content`}
      >
        <Box>
          <Typography variant="h6" component="span" display="block">
            {title}
          </Typography>
          <Typography variant="body2" color="textSecondary" component="span">
            {hint}
          </Typography>
        </Box>
      </HeadingSummary>
      <AccordionDetails>
        <Box width="100%">{children}</Box>
      </AccordionDetails>
    </Accordion>
  );
}
