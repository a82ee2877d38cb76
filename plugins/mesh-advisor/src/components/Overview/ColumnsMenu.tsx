import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import ViewColumnIcon from '@material-ui/icons/ViewColumn';

/** Shows or hides the table's optional columns. */
export function ColumnsMenu(props: {
  columns: { key: string; label: string }[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
}) {
  const { columns, hidden, onChange } = props;
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const toggle = (key: string) =>
    onChange(
      hidden.includes(key) ? hidden.filter(k => k !== key) : [...hidden, key],
    );
  return (
    <>
      <Button
        size="small"
        startIcon={<ViewColumnIcon />}
        aria-haspopup="true"
        aria-expanded={Boolean(anchor)}
        onClick={e => setAnchor(e.currentTarget)}
      >
        Columns
      </Button>
      <Menu
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        keepMounted={false}
      >
        {columns.map(c => (
          <MenuItem
            key={c.key}
            role="menuitemcheckbox"
            aria-checked={!hidden.includes(c.key)}
            onClick={() => toggle(c.key)}
          >
            <ListItemIcon>
              <Checkbox
                edge="start"
                size="small"
                checked={!hidden.includes(c.key)}
                tabIndex={-1}
                disableRipple
                inputProps={{ 'aria-hidden': true }}
              />
            </ListItemIcon>
            <ListItemText primary={c.label} />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
