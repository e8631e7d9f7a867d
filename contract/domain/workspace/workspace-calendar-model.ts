/**
 * The shapes of the workspace calendar document (calendar/calendar.json), node-free so
 * the contract can hand them to the renderer.
 */
import type { Blackout, FridayRule } from '../schedule/schedule-schemas';

/** A workspace blackout, with who added it and when (the calendar has no journal of its own). */
export type CalendarBlackout = Blackout & { readonly addedBy: string; readonly addedAt: string };

/** One imported .ics file, kept verbatim under calendar/imports/. */
export interface CalendarImport {
  readonly id: string;
  /** The name the file had on the operator's machine. */
  readonly file: string;
  /** Where the copy is, relative to the calendar folder. */
  readonly storedAs: string;
  readonly importedAt: string;
  readonly importedBy: string;
  readonly blackouts: number;
}

export interface WorkspaceCalendarData {
  readonly format: 1;
  /** Zone for all-day and floating .ics events, and of a new Friday rule. */
  readonly zone: string;
  readonly fridayRule: FridayRule | null;
  readonly blackouts: readonly CalendarBlackout[];
  readonly imports: readonly CalendarImport[];
}
