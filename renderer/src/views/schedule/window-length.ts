import { DateTime } from 'luxon';

/** "2 h", "2 h 30 min", "45 min", "1 d 4 h". */
export function formatLength(minutes: number): string {
  const total = Math.round(Math.abs(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const rest = total % 60;
  const parts = [days > 0 ? `${days} d` : '', hours > 0 ? `${hours} h` : '', rest > 0 ? `${rest} min` : ''].filter((part) => part !== '');
  return parts.length === 0 ? '0 min' : parts.join(' ');
}

/**
 * The window's real length, and a word when the wall clock misleads: 01:00-04:00 on the
 * spring-forward night is "2 h, clocks go forward (3 h on the wall clock)".
 * `local` is the window as declared (wall-clock start and end), `resolved` its instants.
 */
export function describeWindowLength(
  local: { readonly start: string; readonly end: string },
  resolved: { readonly start: string; readonly end: string },
): { readonly text: string; readonly clockChange: 'forward' | 'back' | null } {
  const wall = DateTime.fromISO(local.end, { zone: 'UTC' }).diff(DateTime.fromISO(local.start, { zone: 'UTC' }), 'minutes').minutes;
  const real = DateTime.fromISO(resolved.end).diff(DateTime.fromISO(resolved.start), 'minutes').minutes;
  if (!Number.isFinite(wall) || !Number.isFinite(real)) return { text: '', clockChange: null };
  if (Math.round(wall) === Math.round(real)) return { text: formatLength(real), clockChange: null };
  const clockChange = real < wall ? 'forward' : 'back';
  return {
    text: `${formatLength(real)}, clocks go ${clockChange} (${formatLength(wall)} on the wall clock)`,
    clockChange,
  };
}
