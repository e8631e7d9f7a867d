/**
 * The shape of a release's state, a projection of its journal: one slice per area.
 * main/core/release/release-state.ts computes it (the assembly of the areas' reducers).
 */
import type { Note, ReleaseMetaState } from './release-meta';
import type { ChecklistState } from '../checklist/checklist-model';
import type { PollState } from '../go-no-go/poll-model';
import type { RisksState } from '../risks/risk-events';
import type { ScheduleState } from '../schedule/schedule-events';
import type { RunsState } from '../playbooks/run-model';
import type { IncidentsState } from '../incidents/incident-model';
import type { ReportState } from '../report/report-events';
import type { HypercareState } from '../hypercare/hypercare-model';
import type { CommsState } from '../comms/comms-model';
import type { PlanState } from '../plan/plan-model';
import type { BakeState } from '../telemetry/bake-model';

export interface ReleaseState {
  /** Sequence number of the last event applied. */
  readonly seq: number;
  readonly meta: ReleaseMetaState | null;
  readonly notes: readonly Note[];
  readonly checklist: ChecklistState;
  readonly poll: PollState;
  readonly risks: RisksState;
  readonly schedule: ScheduleState;
  readonly runs: RunsState;
  readonly incidents: IncidentsState;
  readonly report: ReportState;
  readonly hypercare: HypercareState;
  readonly comms: CommsState;
  /** What waits for what and for how long (main/core/plan). */
  readonly plan: PlanState;
  /** Verification after go-live: bake periods watching metric gates (main/core/telemetry/bake-*.ts). */
  readonly bake: BakeState;
}
