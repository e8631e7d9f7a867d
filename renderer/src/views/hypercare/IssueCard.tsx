import type { Ref } from 'react';
import type { LaneCard } from '../../../../contract/requests/hypercare-requests';
import { CLOCK_LABELS, STATE_LABELS, formatRemaining, liveTimer } from './sla-format';

interface Props {
  readonly card: LaneCard;
  readonly selected: boolean;
  readonly elapsedMs: number;
  readonly onSelect: () => void;
  /** Placement in a virtualised lane: its index (for measuring) and its offset from the lane's top. */
  readonly index: number;
  /** How many cards the lane holds (a screen reader says "3 of 2,000" though only a few are in the page). */
  readonly setSize: number;
  readonly top: number;
  readonly ref?: Ref<HTMLLIElement>;
}

/** One issue in the lane: rank, severity, title, who takes it, and its three clocks ticking. */
export function IssueCard({ card, selected, elapsedMs, onSelect, index, setSize, top, ref }: Props) {
  const { issue } = card;
  const timers = card.timers.map((timer) => liveTimer(timer, elapsedMs));
  const worst = timers.some((timer) => timer.status === 'breached') ? 'breached' : timers.some((timer) => timer.status === 'warning') ? 'warning' : 'ok';
  return (
    <li
      ref={ref}
      data-index={index}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${top}px)` }}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      role="option"
      aria-selected={selected}
      id={`issue-${issue.id}`}
      className={`issue-card sla-${worst}${selected ? ' selected' : ''}`}
      data-testid="issue-card"
      data-issue={issue.id}
      onClick={onSelect}
    >
      <span className="issue-rank" title="Rank in the lane">
        {card.rank === null ? '' : `#${card.rank}`}
      </span>
      <span className={`sev-badge sev-${issue.severity}`}>{issue.severity.toUpperCase()}</span>
      <span className="issue-main">
        <span className="issue-title">
          <span className="faint">{issue.id}</span> {issue.title}
        </span>
        <span className="issue-meta">
          {issue.source}
          {issue.customer ? ` · ${issue.customer}` : ''} · {issue.environment} · impact {issue.impact} × urgency {issue.urgency} = {card.weight}
        </span>
        <span className="issue-timers">
          {timers.map((timer) => (
            <span
              key={timer.clock}
              className={`sla-timer sla-${timer.status}`}
              data-testid={`sla-${timer.clock}`}
              data-status={timer.status}
              title={`Due ${timer.dueAt}`}
            >
              {CLOCK_LABELS[timer.clock]}{' '}
              {timer.status === 'met'
                ? 'met'
                : timer.status === 'missed'
                  ? 'missed'
                  : timer.status === 'breached'
                    ? `breached ${formatRemaining(timer.remainingMs)}`
                    : formatRemaining(timer.remainingMs)}
            </span>
          ))}
        </span>
      </span>
      <span className="issue-who">
        <span className={`issue-state state-${issue.state}`}>{STATE_LABELS[issue.state]}</span>
        <span title={card.suggested ? 'Suggested: the on-duty pod holding fewest issues' : 'Pod that takes it'}>
          {card.pod
            ? `${card.pod}${card.suggested ? ' (suggested)' : ''}${card.rank !== null ? (card.podOnDuty ? ' · on duty' : ' · off duty') : ''}`
            : 'no pod on duty'}
        </span>
        <span>{issue.contact ? `PoC ${issue.contact}` : <em className="faint">no point of contact</em>}</span>
      </span>
    </li>
  );
}
