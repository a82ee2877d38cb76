import { relativeTime } from '../../lib/relativeTime';

/** "5 minutes ago", with the exact time on hover. */
export function RelativeTime(props: { iso: string }) {
  const date = new Date(props.iso);
  return (
    <time
      dateTime={props.iso}
      title={Number.isNaN(date.getTime()) ? props.iso : date.toLocaleString()}
    >
      {relativeTime(props.iso)}
    </time>
  );
}
