import { useState } from 'react';
import { DateTime } from 'luxon';
import type { ScheduleStatus, PolicyFinding } from './schedule-types';
import { findingLabel, formatLocal, formatSpan, pointOfNoReturn, windowClock } from './schedule-format';
import { OverrideDialog } from './OverrideDialog';
import { describeWindowLength } from './window-length';

/**
 * The schedule line of the release header: time left in the window, the pods' wall
 * clocks (on duty or not), the point of no return, and the policy findings as chips
 * with an Override button.
 */
export function HeaderSchedule({ slug, status, now }: { slug: string; status: ScheduleStatus; now: Date }) {
  const [overriding, setOverriding] = useState<PolicyFinding | null>(null);
  const nowMs = now.getTime();
  const zone = status.window.zone;
  const clock = windowClock(status.resolved, nowMs);
  const length = describeWindowLength(status.window, status.resolved);
  const findings = status.findings.filter((finding) => finding.severity !== 'info' || finding.rule === 'clock-change');
  return (
    <div className="header-schedule" data-testid="header-schedule">
      <div
        className={`window-clock phase-${clock.phase}`}
        data-testid="window-clock"
        title={`Release window ${formatLocal(status.resolved.start, zone)} – ${formatLocal(status.resolved.end, zone)} ${zone}, ${length.text}${status.windowIsDefault ? ' (default: go-live + 4h)' : ''}`}
      >
        <span className="window-clock-label">
          Window {formatLocal(status.resolved.start, zone, 'HH:mm')}–{formatLocal(status.resolved.end, zone, 'HH:mm')}
          {length.clockChange ? <span className="window-clock-length"> ({length.text.replace(/ \(.*\)$/, '')})</span> : null}
        </span>
        <span className="window-clock-value">{clock.label}</span>
      </div>
      <PointOfNoReturn status={status} now={nowMs} />
      <ul className="pod-clocks" aria-label="Pods">
        {status.pods.map((pod) => {
          const local = DateTime.fromJSDate(now).setZone(pod.zone);
          const onDuty = status.shifts.some(
            (shift) => shift.pod === pod.name && DateTime.fromISO(shift.start).toMillis() <= nowMs && nowMs < DateTime.fromISO(shift.end).toMillis(),
          );
          return (
            <li
              key={pod.name}
              className={`pod-clock ${onDuty ? 'on-duty' : 'off-duty'}`}
              data-testid="pod-clock"
              title={`${pod.name}: ${pod.zone}, works ${pod.hours.start}–${pod.hours.end} local (${local.toFormat("'UTC'ZZ")})`}
            >
              <span className="pod-name">{pod.name}</span>
              <span className="pod-time">{local.toFormat('ccc HH:mm')}</span>
              <span className="pod-duty">{onDuty ? 'on duty' : 'off duty'}</span>
            </li>
          );
        })}
      </ul>
      <ul className="finding-chips" aria-label="Schedule findings" data-testid="finding-chips">
        {findings.length === 0 ? <li className="finding-chip clear">Schedule clear</li> : null}
        {groupFindings(findings).map((group) => (
          <li
            key={group.label}
            className={`finding-chip severity-${group.severity} ${group.open.length === 0 ? 'overridden' : ''}`}
            data-testid="finding-chip"
            data-rule={group.rule}
            data-count={group.findings.length}
            title={group.findings
              .map((finding) =>
                finding.override ? `${finding.message} (overridden by ${finding.override.actor}: ${finding.override.reason})` : finding.message,
              )
              .join('\n')}
          >
            <span className="finding-label">{group.label}</span>
            {group.findings.length > 1 ? <span className="finding-count">×{group.findings.length}</span> : null}
            {group.open.length === 0 ? (
              <span className="finding-overridden">overridden</span>
            ) : group.severity !== 'info' ? (
              <>
                {group.open.length < group.findings.length ? (
                  <span className="finding-overridden">{group.findings.length - group.open.length} overridden</span>
                ) : null}
                <button type="button" className="finding-override" onClick={() => setOverriding(group.open[0]!)} aria-label={`Override ${group.label}`}>
                  Override…
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {overriding ? <OverrideDialog slug={slug} finding={overriding} onClose={() => setOverriding(null)} /> : null}
    </div>
  );
}

function PointOfNoReturn({ status, now }: { status: ScheduleStatus; now: number }) {
  const zone = status.window.zone;
  if (!status.rollback) {
    return (
      <div
        className="pnr pnr-unknown"
        data-testid="point-of-no-return"
        title="Rehearse the rollback playbook once from start to end, without interruption, to know how long rolling back takes"
      >
        <span className="pnr-label">Rollback</span>
        <span className="pnr-value">no rehearsal yet</span>
      </div>
    );
  }
  const pnr = pointOfNoReturn(status.resolved, status.rollback, now);
  const at = formatLocal(new Date(pnr.latest).toISOString(), zone, 'HH:mm');
  const text =
    pnr.status === 'no-longer-fits'
      ? `no longer fits (had to start by ${at})`
      : pnr.status === 'closing'
        ? `start by ${at} (${formatSpan(pnr.msUntil)})`
        : `fits until ${at}`;
  return (
    <div
      className={`pnr pnr-${pnr.status}`}
      data-testid="point-of-no-return"
      role={pnr.status === 'fits' ? undefined : 'alert'}
      title={`Rollback rehearsed in ${formatSpan(status.rollback.ms)} (${status.rollback.playbook}, complete rehearsal ${status.rollback.runId})`}
    >
      <span className="pnr-label">Rollback {status.rollback.ms < 1000 ? 'under 1 s' : formatSpan(status.rollback.ms)}</span>
      <span className="pnr-value">{text}</span>
    </div>
  );
}

interface FindingGroup {
  readonly label: string;
  readonly rule: PolicyFinding['rule'];
  readonly severity: PolicyFinding['severity'];
  readonly findings: readonly PolicyFinding[];
  /** Not overridden yet: the Override button takes the first. */
  readonly open: readonly PolicyFinding[];
}

const SEVERITY_ORDER: readonly PolicyFinding['severity'][] = ['block', 'warn', 'info'];

/**
 * One chip per kind of finding ("Outside window ×3"), not one per run: three live runs
 * outside the window are one thing to decide about, and the header must stay one line.
 */
function groupFindings(findings: readonly PolicyFinding[]): FindingGroup[] {
  const groups = new Map<string, PolicyFinding[]>();
  for (const finding of findings) {
    const label = findingLabel(finding);
    groups.set(label, [...(groups.get(label) ?? []), finding]);
  }
  return [...groups.entries()].map(([label, members]) => {
    const open = members.filter((finding) => !finding.override);
    const pool = open.length > 0 ? open : members;
    const severity = SEVERITY_ORDER.find((level) => pool.some((finding) => finding.severity === level)) ?? 'info';
    return { label, rule: members[0]!.rule, severity, findings: members, open };
  });
}
