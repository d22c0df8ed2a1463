import { localDateTime } from './local-time';

/** A moment shown in the owner's time zone, machine-readable in its `dateTime`. */
export function LocalTime({ iso }: { iso: string }) {
  return <time dateTime={iso}>{localDateTime(iso)}</time>;
}
