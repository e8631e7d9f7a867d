import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import { reduceNotes, reduceReleaseMeta } from '../../../contract/domain/release/release-meta';
import { initialChecklistState } from '../../../contract/domain/checklist/checklist-model';
import { reduceChecklist } from '../checklist/checklist-reducer';
import { initialPollState } from '../../../contract/domain/go-no-go/poll-model';
import { reducePoll } from '../go-no-go/poll-reducer';
import { initialRisksState, reduceRisks } from '../risks/risks-reducer';
import { initialScheduleState, reduceSchedule } from '../schedule/schedule-state';
import { initialRunsState, reduceRuns } from '../playbooks/run-state';
import { initialIncidentsState } from '../../../contract/domain/incidents/incident-model';
import { reduceIncidents } from '../incidents/incident-reducer';
import { initialReportState, reduceReport } from '../report/report-state';
export type { ReleaseState } from '../../../contract/domain/release/release-state-model';
import type { ReleaseState } from '../../../contract/domain/release/release-state-model';
import { initialHypercareState } from '../../../contract/domain/hypercare/hypercare-model';
import { reduceHypercare } from '../hypercare/hypercare-reducer';
import { initialCommsState } from '../../../contract/domain/comms/comms-model';
import { reduceComms } from '../comms/comms-reducer';
import { initialPlanState } from '../../../contract/domain/plan/plan-model';
import { reducePlan } from '../plan/plan-reducer';
import { initialBakeState } from '../../../contract/domain/telemetry/bake-model';
import { reduceBake } from '../telemetry/bake-reducer';

/**
 * The state of a release: a projection of its journal.
 *
 * Each area owns one slice and one pure reducer; this file is the one place that
 * composes them. release.json holds a snapshot of this object, and can always be
 * rebuilt by replaying the journal through `reduceRelease`.
 */
/**
 * The version of this projection. release.json's state is used at open (instead of a
 * replay of the whole journal) only when it was written with the same version, and a
 * background audit replays the journal to check it anyway. Bump it whenever a reducer
 * changes what it makes of an event, so old snapshots are replayed rather than trusted.
 */
export const PROJECTION_VERSION = 3;

export function initialReleaseState(): ReleaseState {
  return {
    seq: 0,
    meta: null,
    notes: [],
    checklist: initialChecklistState(),
    poll: initialPollState(),
    risks: initialRisksState(),
    schedule: initialScheduleState(),
    runs: initialRunsState(),
    incidents: initialIncidentsState(),
    report: initialReportState(),
    hypercare: initialHypercareState(),
    comms: initialCommsState(),
    plan: initialPlanState(),
    bake: initialBakeState(),
  };
}

/** Apply one event to every slice. Pure: returns a new state, never mutates. */
export function reduceRelease(state: ReleaseState, event: AppliedEvent): ReleaseState {
  return {
    seq: event.seq,
    meta: reduceReleaseMeta(state.meta, event),
    notes: reduceNotes(state.notes, event),
    checklist: reduceChecklist(state.checklist, event),
    poll: reducePoll(state.poll, event),
    risks: reduceRisks(state.risks, event),
    schedule: reduceSchedule(state.schedule, event),
    runs: reduceRuns(state.runs, event),
    incidents: reduceIncidents(state.incidents, event),
    report: reduceReport(state.report, event),
    hypercare: reduceHypercare(state.hypercare, event),
    comms: reduceComms(state.comms, event),
    plan: reducePlan(state.plan, event),
    bake: reduceBake(state.bake, event),
  };
}

export function replayRelease(events: Iterable<AppliedEvent>, from: ReleaseState = initialReleaseState()): ReleaseState {
  // Notes are appended to one array here rather than copied per event: a long night has
  // tens of thousands of notes, and copying the list for each one is quadratic.
  const notes = [...from.notes];
  let state = from;
  for (const event of events) {
    if (event.type === 'note.added') {
      const next = reduceRelease({ ...state, notes: [] }, event);
      notes.push(...next.notes);
      state = { ...next, notes: state.notes };
    } else {
      state = reduceRelease(state, event);
    }
  }
  return notes.length === state.notes.length ? state : { ...state, notes };
}
