import { parseActor } from '../../../contract/participants';

/** Small formatting helpers shared by the Markdown and HTML renderers. */

/** "1h 02m 03s", "4.2s", "—" for unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return hours > 0 ? `${hours}h ${String(minutes).padStart(2, '0')}m ${String(rest).padStart(2, '0')}s` : `${minutes}m ${String(rest).padStart(2, '0')}s`;
}

/** An ISO instant shortened for tables: "2026-11-24 21:00:05Z". */
export function shortUtc(iso: string | null | undefined): string {
  if (!iso) return '—';
  // Journal times are "YYYY-MM-DDTHH:MM:SS.mmmZ": cut rather than run two regexes per row.
  if (iso.length === 24 && iso[10] === 'T' && iso[19] === '.' && iso[23] === 'Z') return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/**
 * Who did it and in which role, for the timeline: a participant's actor
 * (`Ana (voter · 3f2a9c1d)`) splits into the name and `voter · 3f2a9c1d`; a bare name is
 * the host's own user, the release manager (every journal written before roles, too).
 */
export function actorColumns(actor: string): { readonly who: string; readonly role: string } {
  const parsed = parseActor(actor);
  return { who: parsed.name, role: parsed.session === null ? 'release-manager (host)' : `${parsed.role} · ${parsed.session}` };
}

/** Section titles, in order: one list so Markdown, HTML and the preview agree. */
export const REPORT_SECTIONS = [
  { id: 'summary', title: 'Summary' },
  { id: 'times', title: 'Planned vs actual' },
  { id: 'go-no-go', title: 'Go/no-go' },
  { id: 'checklist', title: 'Checklist' },
  { id: 'risks', title: 'Risks' },
  { id: 'runs', title: 'Playbook runs' },
  { id: 'terminals', title: 'Terminal sessions' },
  { id: 'incidents', title: 'Incidents and decisions' },
  { id: 'action-items', title: 'Action items' },
  { id: 'timeline', title: 'Timeline' },
  { id: 'verification', title: 'Journal verification' },
] as const;
