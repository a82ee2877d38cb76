import { useEffect, useState } from 'react';
import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import FileCopyIcon from '@material-ui/icons/FileCopyOutlined';

/** The annotations to paste into catalog-info.yaml, with a copy button. */
export function AnnotationSnippet(props: { yaml: string }) {
  const { yaml } = props;
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
      <div data-testid="annotation-snippet">
        {/* wrapped, so a long requires list stays readable; Copy copies it unwrapped */}
        <CodeSnippet text={yaml} language="yaml" wrapLongLines />
      </div>
    </Box>
  );
}
