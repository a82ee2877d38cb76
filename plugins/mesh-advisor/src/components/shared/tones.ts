import { darken, lighten, Theme } from '@material-ui/core/styles';

/** What a status label means, whatever its words. */
export type Tone = 'good' | 'warn' | 'bad' | 'info' | 'neutral';

/**
 * A text colour for a status that stays ≥ 4.5:1 on the theme's cards. The
 * palette's *.main shades are fill colours: as text, orange is ~2:1 and
 * green ~2.7:1 on white, and too dark on the dark theme's cards.
 */
export function readableTone(theme: Theme, tone: Tone): string {
  const dark = theme.palette.type === 'dark';
  const base = {
    good: theme.palette.success.main,
    warn: theme.palette.warning.main,
    bad: theme.palette.error.main,
    info: theme.palette.info.main,
    neutral: theme.palette.text.secondary,
  }[tone];
  if (tone === 'neutral') return base;
  // orange needs more darkening than the others to reach 4.5:1 on white
  return dark ? lighten(base, 0.45) : darken(base, tone === 'warn' ? 0.5 : 0.4);
}
