import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import InputAdornment from '@material-ui/core/InputAdornment';
import SearchIcon from '@material-ui/icons/Search';
import {
  DecisionFilter,
  EvaluationStatus,
  MESH_IDS,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { EvaluationFilters } from '../../hooks/useEvaluations';
import { meshName } from '../../lib/meshNames';

const STATUSES: EvaluationStatus[] = ['evaluated', 'invalid', 'excluded'];
const DECISIONS: { value: DecisionFilter; label: string }[] = [
  { value: 'none', label: 'no decision' },
  { value: 'differs', label: 'accepted, differs from recommendation' },
  { value: 'proposed', label: 'proposed' },
  { value: 'accepted', label: 'accepted' },
];

function Choice<T extends string>(props: {
  label: string;
  value: T | undefined;
  options: { value: T; label: string }[];
  onChange: (value: T | undefined) => void;
}) {
  return (
    <TextField
      select
      id={`mesh-advisor-filter-${props.label.toLowerCase()}`}
      label={props.label}
      value={props.value ?? ''}
      onChange={e => props.onChange((e.target.value || undefined) as T)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      size="small"
      variant="outlined"
      style={{ minWidth: 150, marginRight: 8, marginBottom: 8 }}
    >
      <option value="">all</option>
      {props.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

/** Search, owner, system, recommendation, status and decision filters. */
export function ServicesFilters(props: {
  filters: EvaluationFilters;
  onChange: (patch: Partial<EvaluationFilters>) => void;
}) {
  const { filters, onChange } = props;
  const text = (
    label: string,
    key: 'owner' | 'system',
    placeholder: string,
  ) => (
    <TextField
      id={`mesh-advisor-filter-${key}`}
      label={label}
      value={filters[key] ?? ''}
      placeholder={placeholder}
      onChange={e => onChange({ [key]: e.target.value })}
      InputLabelProps={{ shrink: true }}
      size="small"
      variant="outlined"
      style={{ minWidth: 150, marginRight: 8, marginBottom: 8 }}
    />
  );
  return (
    <Box display="flex" flexWrap="wrap" alignItems="flex-start" mb={1}>
      <TextField
        id="mesh-advisor-search"
        label="Search services"
        value={filters.q ?? ''}
        placeholder="name, title, owner, system, tags"
        onChange={e => onChange({ q: e.target.value })}
        inputProps={{ maxLength: 200 }}
        InputLabelProps={{ shrink: true }}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        }}
        size="small"
        variant="outlined"
        style={{ minWidth: 260, marginRight: 8, marginBottom: 8 }}
      />
      {text('Owner', 'owner', 'team-a or group:default/team-a')}
      {text('System', 'system', 'checkout')}
      <Choice<MeshId>
        label="Recommendation"
        value={filters.mesh}
        options={MESH_IDS.map(m => ({ value: m, label: meshName(m) }))}
        onChange={mesh => onChange({ mesh })}
      />
      <Choice<EvaluationStatus>
        label="Status"
        value={filters.status}
        options={STATUSES.map(s => ({ value: s, label: s }))}
        onChange={status => onChange({ status })}
      />
      <Choice<DecisionFilter>
        label="Decision"
        value={filters.decision}
        options={DECISIONS}
        onChange={decision => onChange({ decision })}
      />
    </Box>
  );
}
