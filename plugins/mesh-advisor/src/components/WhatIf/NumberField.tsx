import { useEffect, useId, useState } from 'react';
import TextField from '@material-ui/core/TextField';

const parseOrUndefined = (t: string) =>
  t.trim() === '' ? undefined : Number(t);
const format = (v: number | undefined) => (v === undefined ? '' : String(v));

/**
 * A number input that applies only valid values: empty means "not
 * declared", anything `validate` rejects shows its message instead.
 */
export function NumberField(props: {
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  validate: (value: number) => string | undefined;
  helperText?: string;
  /** told whether the text is currently invalid (the value then lags) */
  onInvalidChange?: (invalid: boolean) => void;
  /** differs from the service's own annotations */
  edited?: boolean;
}) {
  const {
    label,
    value,
    onChange,
    validate,
    helperText,
    onInvalidChange,
    edited,
  } = props;
  const [text, setText] = useState(format(value));
  const [error, setError] = useState<string | undefined>();
  const id = useId();
  useEffect(() => onInvalidChange?.(Boolean(error)), [error, onInvalidChange]);
  useEffect(() => {
    // Follow outside changes (reset) unless the text already means that value.
    setText(t => (parseOrUndefined(t) === value ? t : format(value)));
    setError(undefined);
  }, [value]);
  return (
    <TextField
      id={id}
      label={edited ? `${label} (edited)` : label}
      value={text}
      size="small"
      variant="outlined"
      margin="dense"
      fullWidth
      inputProps={{ inputMode: 'decimal' }}
      error={Boolean(error)}
      helperText={error ?? helperText}
      onChange={e => {
        const next = e.target.value;
        setText(next);
        if (next.trim() === '') {
          setError(undefined);
          onChange(undefined);
          return;
        }
        const n = Number(next);
        const problem = Number.isFinite(n) ? validate(n) : 'Enter a number';
        setError(problem);
        if (!problem) onChange(n);
      }}
    />
  );
}
