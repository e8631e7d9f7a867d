import { reportPlan } from '../plan/report-plan';
import { DateTime } from 'luxon';
import { describeSessionEnd } from '../../../contract/terminal-session-end';
import { TerminalEventTypes, parseTerminalEvent } from '../../../contract/domain/terminal/terminal-events';
import { RELEASE_EVENTS, parseReleaseMetaEvent } from '../../../contract/domain/release/release-meta';
import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import type { ReleaseState } from '../../../contract/domain/release/release-state-model';
import { orderedItems } from '../../../contract/domain/checklist/checklist-model';
import { isOverdue } from '../checklist/checklist-queries';
import { POLL_EVENTS } from '../../../contract/domain/go-no-go/poll-events';
import type { Decision, PollState, Vote } from '../../../contract/domain/go-no-go/poll-model';
import { initialRisksState, reduceRisks, type RisksState } from '../risks/risks-reducer';
import { riskHeatMap } from '../../../contract/domain/risks/risks-queries';
import { riskScore } from '../../../contract/domain/risks/risk-model';
import { resolveWindow } from '../schedule/release-window';
import type { RunState } from '../playbooks/run-state';
import { runOutcomeText, skippedSteps } from '../../../contract/run-outcome';
import { isCompleteRehearsal } from '../playbooks/rehearsal-measure';
import { reportHypercare } from '../hypercare/hypercare-report';
import type {
  ReportHeatMap,
  ReportModel,
  ReportOutcome,
  ReportPoll,
  ReportRisk,
  ReportRun,
  ReportTerminal,
  ReportTimelineRow,
  ReportVerification,
  ZonedTime,
} from '../../../contract/domain/report/report-model';

/** What the report is built from: the (redacted) state and journal, and the verification. */
export interface ReportInputs {
  readonly state: ReleaseState;
  readonly events: readonly AppliedEvent[];
  readonly verification: ReportVerification;
  readonly generatedAt: string;
  readonly redactionCount: number;
  /** sha256 of recordings and run logs as found on disk, by path relative to the release folder. */
  readonly fileHashes: ReadonlyMap<string, string>;
}

/** Build the report model. Pure: the same inputs give the same report. */
export function buildReportModel(inputs: ReportInputs): ReportModel {
  const { state, events } = inputs;
  const meta = state.meta;
  const zone = meta?.zone ?? 'UTC';
  const podZones = state.schedule.pods.map((pod) => pod.zone);
  const zones = unique([zone, 'UTC', ...podZones]);
  const zoned = (iso: string | null | undefined): ZonedTime | null => (iso ? { iso, zones: zones.map((z) => ({ zone: z, text: formatIn(iso, z) })) } : null);
  const decision = latestDecision(state.poll);
  const outcome = deriveOutcome(state, decision);

  let plannedStart: string | null = null;
  let plannedEnd: string | null = null;
  let plannedGoLive: string | null = meta?.goLive ?? null;
  if (state.schedule.window) {
    try {
      const window = resolveWindow(state.schedule.window);
      plannedStart = window.start;
      plannedEnd = window.end;
      plannedGoLive = window.goLive;
    } catch {
      // A window that does not resolve is reported as not planned.
    }
  }
  const work = events.filter((event) => event.type.startsWith('run.') || event.type.startsWith('terminal.') || event.type.startsWith('incident.'));
  const decidedEvent = events.find((event) => event.type === POLL_EVENTS.decided);
  // The actual go-live is the moment of a GO: a NO-GO or POSTPONED decision is not one.
  const goEvent = events.findLast((event) => event.type === POLL_EVENTS.decided && (event.data as { outcome?: unknown }).outcome === 'GO');
  const times = {
    zones,
    rows: [
      { label: 'Window start', planned: zoned(plannedStart), actual: zoned(work[0]?.ts) },
      { label: 'Go-live (T-0)', planned: zoned(plannedGoLive), actual: zoned(goEvent?.ts) },
      { label: 'Window end', planned: zoned(plannedEnd), actual: zoned(work.at(-1)?.ts ?? events.at(-1)?.ts) },
    ],
    pods: state.schedule.pods.map((pod) => ({ name: pod.name, zone: pod.zone, hours: `${pod.hours.start}-${pod.hours.end}` })),
  };

  const timing = meta ? { t0: meta.goLive, zone } : null;
  const items = orderedItems(state.checklist).map((item) => {
    const phase = state.checklist.phases.find((candidate) => candidate.id === item.phaseId)?.title ?? item.phaseId;
    let overdue = false;
    try {
      overdue = timing ? isOverdue(item, inputs.generatedAt, timing) : false;
    } catch {
      overdue = false;
    }
    return {
      phase,
      title: item.title,
      status: item.status,
      required: item.required,
      owner: [item.owner.role, item.owner.person].filter(Boolean).join(' / '),
      due: item.due,
      overdue,
      updatedBy: item.updatedBy,
      updatedAt: item.updatedAt,
      evidence: item.evidence.length,
      reason: item.statusReason,
    };
  });

  const risksAtGoNoGo = decidedEvent ? replayRisks(events, decidedEvent.seq) : null;
  const toRisk = (risk: RisksState['risks'][number]): ReportRisk => ({
    id: risk.id,
    title: risk.title,
    status: risk.status,
    score: riskScore(risk.likelihood, risk.impact),
    owner: risk.owner,
    mitigation: risk.mitigation,
  });

  const runs = state.runs.runs.map((run) => reportRun(run, inputs.fileHashes));
  const byPlaybook = new Map<string, { rehearsalMs: number | null; liveMs: number | null }>();
  runs.forEach((run, index) => {
    const entry = byPlaybook.get(run.playbook) ?? { rehearsalMs: null, liveMs: null };
    // Only a complete rehearsal measured the procedure (not an interrupted, resumed or partial one).
    if (run.mode === 'rehearsal' && run.durationMs !== null && isCompleteRehearsal(state.runs.runs[index]!)) entry.rehearsalMs = run.durationMs;
    if (run.mode === 'live' && run.durationMs !== null) entry.liveMs = run.durationMs;
    byPlaybook.set(run.playbook, entry);
  });

  const notes = state.notes.map((note) => ({ seq: note.seq, ts: note.ts, actor: note.actor, kind: note.kind, text: note.text }));
  return {
    summary: {
      name: meta?.name ?? '(release not created)',
      version: meta?.version ?? '',
      mode: meta?.mode ?? '',
      zone,
      outcome: outcome.outcome,
      outcomeLabel: outcome.at ? `${outcome.outcome} at ${formatIn(outcome.at, zone)}` : outcome.outcome,
      outcomeWhy: outcome.why,
      createdBy: meta?.createdBy ?? '',
      generatedAt: inputs.generatedAt,
      description: meta?.description ?? '',
    },
    times,
    polls: reportPolls(state.poll),
    checklist: {
      items,
      done: items.filter((item) => item.status === 'done' || item.status === 'not-applicable').length,
      total: items.length,
      overdue: items.filter((item) => item.overdue).length,
    },
    risks: {
      atGoNoGo: risksAtGoNoGo ? heatMap(risksAtGoNoGo, `At go/no-go (seq ${decidedEvent!.seq})`) : null,
      atClose: heatMap(state.risks, 'At close'),
      occurred: state.risks.risks
        .filter(
          (risk) => risk.status === 'occurred' || events.some((event) => event.type === 'risks.occurred' && (event.data as { id?: string }).id === risk.id),
        )
        .map(toRisk),
      all: state.risks.risks.map(toRisk),
    },
    runs,
    plan: reportPlan(state, inputs.generatedAt),
    rehearsalVsLive: [...byPlaybook].map(([playbook, entry]) => ({ playbook, ...entry })),
    terminals: reportTerminals(events, inputs.fileHashes),
    incidents: state.incidents.incidents.map((incident) => ({ ...incident })),
    hypercare: reportHypercare(state.hypercare),
    decisions: [
      ...notes.filter((note) => note.kind === 'decision'),
      ...events
        .filter((event) => event.type === POLL_EVENTS.decided)
        .map((event) => ({
          seq: event.seq,
          ts: event.ts,
          actor: event.actor,
          kind: 'go/no-go',
          text: `Go/no-go decided: ${String((event.data as { outcome?: unknown }).outcome ?? '')}`,
        })),
    ].sort((a, b) => a.seq - b.seq),
    notes: notes.filter((note) => note.kind !== 'decision'),
    actionItems: state.incidents.actionItems.map((item) => ({
      id: item.id,
      text: item.text,
      owner: item.owner,
      status: item.status,
      incidentId: item.incidentId,
      createdAt: item.createdAt,
    })),
    timeline: events.map(timelineRow),
    verification: inputs.verification,
    redactionCount: inputs.redactionCount,
  };
}

function deriveOutcome(state: ReleaseState, decision: Decision | null): { outcome: ReportOutcome; why: string; at?: string } {
  const rollback = state.runs.runs.find((run) => run.mode === 'live' && /rollback|roll-back/i.test(run.playbook.name) && run.status === 'succeeded');
  if (rollback) return { outcome: 'rolled back', why: `live run of ${rollback.playbook.name} succeeded` };
  if (decision?.outcome === 'POSTPONED') return { outcome: 'postponed', why: `go/no-go decided POSTPONED by ${decision.decidedBy}` };
  // A NO-GO stops a release before it starts: nothing was aborted, the room said no.
  if (decision?.outcome === 'NO-GO') return { outcome: 'no-go', why: `go/no-go decided NO-GO by ${decision.decidedBy}`, at: decision.decidedAt };
  // An aborted live run that was started again and finished does not abort the release: only a
  // playbook whose latest live run is aborted does.
  const live = state.runs.runs.filter((run) => run.mode === 'live');
  const aborted = live.find((run, index) => run.status === 'aborted' && !live.slice(index + 1).some((later) => later.playbook.name === run.playbook.name));
  if (aborted) return { outcome: 'aborted', why: `live run of ${aborted.playbook.name} was aborted` };
  if (decision?.outcome === 'GO') return { outcome: 'released', why: `go/no-go decided GO by ${decision.decidedBy}` };
  return { outcome: 'in progress', why: 'no go/no-go decision recorded yet' };
}

function latestDecision(poll: PollState): Decision | null {
  return poll.decision ?? [...poll.pastPolls].reverse().find((past) => past.decision)?.decision ?? null;
}

function reportPolls(poll: PollState): ReportPoll[] {
  const participantName = (id: string, list: readonly { id: string; name: string; required: boolean }[]) => list.find((participant) => participant.id === id);
  const votesOf = (votes: readonly Vote[], history: readonly Vote[], participants: readonly { id: string; name: string; required: boolean }[]) =>
    votes.map((vote) => {
      const changed = history.filter((entry) => entry.participantId === vote.participantId).length > 1;
      const participant = participantName(vote.participantId, participants);
      return {
        participant: participant?.name ?? vote.participantId,
        role: vote.role,
        required: participant?.required ?? false,
        value: vote.value,
        comment: vote.comment,
        castBy: vote.castBy,
        castAt: vote.castAt,
        dissent: vote.value === 'NO-GO' || changed,
      };
    });
  const overridesOf = (overrides: readonly { reason: string; by: string; at: string; blockers: readonly { message: string }[] }[]) =>
    overrides.map((override) => ({ reason: override.reason, by: override.by, at: override.at, blockers: override.blockers.map((blocker) => blocker.message) }));
  const polls: ReportPoll[] = poll.pastPolls.map((past) => ({
    pollId: past.pollId,
    openedBy: past.openedBy,
    openedAt: past.openedAt,
    outcome: past.decision?.outcome ?? null,
    decidedBy: past.decision?.decidedBy ?? null,
    decidedAt: past.decision?.decidedAt ?? null,
    note: past.decision?.note ?? null,
    votes: past.decision ? votesOf(past.decision.snapshot.votes, past.voteHistory, past.decision.snapshot.participants) : [],
    changedVotes: Math.max(0, past.voteHistory.length - (past.decision?.snapshot.votes.length ?? 0)),
    overrides: past.decision?.override ? overridesOf([past.decision.override]) : [],
  }));
  if (poll.pollId) {
    const votes = Object.values(poll.votes);
    polls.push({
      pollId: poll.pollId,
      openedBy: poll.openedBy ?? '',
      openedAt: poll.openedAt ?? '',
      outcome: poll.decision?.outcome ?? null,
      decidedBy: poll.decision?.decidedBy ?? null,
      decidedAt: poll.decision?.decidedAt ?? null,
      note: poll.decision?.note ?? null,
      votes: votesOf(votes, poll.voteHistory, poll.participants),
      changedVotes: Math.max(0, poll.voteHistory.length - votes.length),
      overrides: overridesOf(poll.overrides),
    });
  }
  return polls;
}

function replayRisks(events: readonly AppliedEvent[], uptoSeq: number): RisksState {
  let risks = initialRisksState();
  for (const event of events) {
    if (event.seq > uptoSeq) break;
    risks = reduceRisks(risks, event);
  }
  return risks;
}

function heatMap(state: RisksState, label: string): ReportHeatMap {
  const map = riskHeatMap(state, 'inherent');
  return { label, counts: map.counts, total: map.total };
}

function reportRun(run: RunState, hashes: ReadonlyMap<string, string>): ReportRun {
  const durationMs = run.endedAt ? Date.parse(run.endedAt) - Date.parse(run.startedAt) : null;
  return {
    id: run.id,
    playbook: run.playbook.name,
    mode: run.mode,
    status: run.status,
    outcome: runOutcomeText(run),
    skipped: skippedSteps(run).map((step) => ({ step: step.index + 1, name: step.name, reason: step.reason, by: step.by })),
    startedBy: run.startedBy,
    startedAt: run.startedAt,
    endedAt: run.endedAt ?? null,
    durationMs,
    logFile: run.logFile,
    logSha256: run.logSha256 ?? hashes.get(run.logFile) ?? null,
    steps: run.steps.map((step) => ({
      name: step.name,
      kind: step.kind,
      status: step.status,
      attempts: step.attempts,
      startedAt: step.startedAt ?? null,
      endedAt: step.endedAt ?? null,
      durationMs: step.durationMs ?? null,
      plannedMs: step.plannedMs ?? null,
      exitCode: step.exitCode ?? null,
      failure: step.failure ? `${step.failure.reason}: ${step.failure.message}` : null,
      choices: [
        ...step.decisions.map((decision) => `${decision.decision} by ${decision.by}${decision.reason ? ` (${decision.reason})` : ''}`),
        ...step.approvals.map((approval) => `${approval.approved ? 'approved' : 'rejected'} (${approval.role}) by ${approval.by}`),
        ...(step.confirmedBy ? [`confirmed by ${step.confirmedBy}`] : []),
        ...(step.markedDone ? ['marked done after an interruption'] : []),
      ],
      ...(step.measurements && step.measurements.length > 0
        ? {
            measurements: step.measurements.map((measurement) => ({
              at: measurement.at,
              query: measurement.query,
              value: measurement.values[0] ?? null,
              baseline: measurement.baselineValues?.[0] ?? null,
              threshold: measurement.threshold ?? null,
              phase: measurement.phase,
              message: measurement.message,
            })),
          }
        : {}),
    })),
  };
}

function reportTerminals(events: readonly AppliedEvent[], hashes: ReadonlyMap<string, string>): ReportTerminal[] {
  const sessions = new Map<string, ReportTerminal & { commands: ReportTerminal['commands'][number][] }>();
  for (const journalEvent of events) {
    if (!journalEvent.type.startsWith('terminal.')) continue;
    const event = parseTerminalEvent(journalEvent);
    if (event === null || event.type === TerminalEventTypes.policyOverridden) continue;
    const id = event.data.sessionId;
    if (event.type === TerminalEventTypes.opened) {
      const recordingFile = event.data.recordingFile ?? null;
      sessions.set(id, {
        sessionId: id,
        target: event.data.targetName || event.data.targetId,
        environment: event.data.environment,
        openedAt: event.ts,
        durationMs: null,
        exitCode: null,
        ending: null,
        recordingFile,
        sha256: recordingFile ? (hashes.get(recordingFile) ?? null) : null,
        redactionCount: null,
        recordingIncomplete: null,
        commands: [],
      });
    }
    const session = sessions.get(id);
    if (!session) continue;
    if (event.type === TerminalEventTypes.command) {
      const { command, exitCode, durationMs, startedAt } = event.data;
      session.commands.push({ command, exitCode, durationMs, at: startedAt });
    } else if (event.type === TerminalEventTypes.closed) {
      const { data } = event;
      const recordingFile = data.recordingFile ?? session.recordingFile;
      sessions.set(id, {
        ...session,
        durationMs: data.durationMs,
        exitCode: data.exitCode,
        ending: describeSessionEnd(data),
        recordingFile,
        sha256: data.sha256 ?? (recordingFile ? (hashes.get(recordingFile) ?? null) : null),
        redactionCount: data.redactionCount ?? null,
        recordingIncomplete: data.recordingIncomplete ?? null,
      });
    }
  }
  return [...sessions.values()];
}

/** The data fields that make an event's one-line headline, in order of preference. */
const HEADLINE_FIELDS = ['text', 'title', 'name', 'command', 'outcome', 'value', 'reason', 'summary'] as const;

/** One line of the timeline: the note's text, or the event type with its headline field. */
export function timelineRow(event: AppliedEvent): ReportTimelineRow {
  const data = (event.data ?? {}) as Record<string, unknown>;
  let text = '';
  const note = event.type === RELEASE_EVENTS.noteAdded ? parseReleaseMetaEvent(event) : null;
  if (note?.type === RELEASE_EVENTS.noteAdded) {
    text = `${note.data.kind}: ${note.data.text}`;
  } else if (event.type === 'run.finished') {
    const skipped = typeof data['skippedSteps'] === 'number' && data['skippedSteps'] > 0 ? data['skippedSteps'] : 0;
    const status = `${String(data['status'] ?? '')}${skipped > 0 ? ` with ${skipped} skipped step${skipped === 1 ? '' : 's'}` : ''}`;
    text = typeof data['reason'] === 'string' && data['reason'].length > 0 ? `${status}: ${data['reason']}` : status;
  } else {
    for (const key of HEADLINE_FIELDS) {
      const value = data[key];
      if (typeof value === 'string' && value.length > 0) {
        text = value;
        break;
      }
    }
  }
  return { seq: event.seq, ts: event.ts, actor: event.actor, type: event.type, text: text.length > 500 ? `${text.slice(0, 500)}…` : text };
}

/** An instant in a zone: "2026-11-24 22:00 CET". */
export function formatIn(iso: string, zone: string): string {
  const moment = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return moment.isValid ? moment.toFormat('yyyy-LL-dd HH:mm:ss ZZZZ') : iso;
}

function unique(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) === index);
}
