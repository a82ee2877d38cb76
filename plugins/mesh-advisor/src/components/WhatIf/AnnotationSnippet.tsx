import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import FileCopyIcon from '@material-ui/icons/FileCopyOutlined';

// Plain text rather than CodeSnippet: its syntax colours fall below 4.5:1
// on both themes, and its scrolling <pre> cannot be reached by keyboard.
const useStyles = makeStyles(theme => ({
  code: {
    margin: 0,
    padding: theme.spacing(1.5),
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    color: theme.palette.text.primary,
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

/** The annotations to paste into catalog-info.yaml, with a copy button. */
export function AnnotationSnippet(props: { yaml: string }) {
  const { yaml } = props;
  const classes = useStyles();
  const [feedback, setFeedback] = useState<string | undefined>();
  // "Copied" is about the text copied, not the text shown after an edit
  useEffect(() => setFeedback(undefined), [yaml]);
  const copy = async () => {
    try {
      await window.navigator.clipboard.writeText(yaml);
      setFeedback('Copied. Paste it into catalog-info.yaml.');
    } catch {
      setFeedback('Could not copy; select the text below and copy it.');
    }
  };
  return (
    <Box>
      <Box display="flex" alignItems="center" mb={1}>
        <Button
          variant="outlined"
          size="small"
          startIcon={<FileCopyIcon />}
          onClick={copy}
        >
          Copy annotations
        </Button>
        {feedback && (
          <Box ml={1}>
            <Typography variant="caption" role="status">
              {feedback}
            </Typography>
          </Box>
        )}
      </Box>
      {/* wrapped, so a long requires list stays readable; Copy copies it unwrapped */}
      <pre className={classes.code} data-testid="annotation-snippet">
        {yaml}
      </pre>
    </Box>
  );
}
