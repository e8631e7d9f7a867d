import { useEffect, useState } from 'react';
import { summarizeQuorum } from '../../../../contract/quorum-summary';
import { client } from '../../client/warroom-client';
import { formatInstant } from '../../format/time';
import type { ViewProps } from '../view-props';
import type { DecisionOutcome, GateBlocker, Participant } from './poll-types';
import { METRIC_GATE_REFRESH_MS, criterionTally, rollCallOrder, useGoGates } from './poll-view';
import { MetricGateBadge, MetricGateSnapshot } from './MetricGateReading';
import { PollSetupDialog } from './PollSetupDialog';
import { PollTheRoom } from './PollTheRoom';
import { VoteDialog } from './VoteDialog';
import { GoNoGoRisks } from '../risks/GoNoGoRisks';
import { FormError } from '../../components/FormError';
import { mayCastBallotFor, useYou } from '../../app/use-you';

const OUTCOMES: readonly DecisionOutcome[] = ['GO', 'NO-GO', 'POSTPONED'];

interface Props extends ViewProps {
  readonly onError: (message: string | null) => void;
}

/** The go/no-go poll: criteria, participants and votes, quorum, gates, the decision and its record. */
export function GoNoGoPanel({ slug, meta, state, onError }: Props) {
  const poll = state.poll;
  const metered = poll.status === 'open' && poll.criteria.some((criterion) => criterion.metric);
  const { gates, error: gatesError } = useGoGates(slug, state.seq, metered ? METRIC_GATE_REFRESH_MS : undefined);
  const [voting, setVoting] = useState<Participant | null>(null);
  const you = useYou();
  const [setup, setSetup] = useState<'open' | 'edit' | null>(null);
  const [room, setRoom] = useState(false);
  const [outcome, setOutcome] = useState<DecisionOutcome>('GO');
  const [note, setNote] = useState('');
  const [override, setOverride] = useState('');
  const [decideError, setDecideError] = useState<string | null>(null);
  const roll = rollCallOrder(poll);
  const zone = meta.zone;
  const open = poll.status === 'open';
  const blockers = gates?.overridableBlockers ?? [];
  const quorumBlockers = gates?.quorumBlockers ?? [];
  const needsOverride = outcome === 'GO' && blockers.length > 0;

  // P opens "poll the room" from anywhere in this section (not while typing or in a dialog).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'p' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (document.querySelector('dialog[open]') || !open || roll.length === 0) return;
      event.preventDefault();
      setRoom(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, roll.length]);

  const decide = () => {
    client
      .call('poll.decide', {
        slug,
        outcome,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(needsOverride && override.trim() ? { override: { reason: override.trim() } } : {}),
      })
      .then(
        () => {
          setDecideError(null);
          setNote('');
          setOverride('');
        },
        (failure: Error) => setDecideError(failure.message),
      );
  };

  const reset = () => {
    client.call('poll.reset', { slug, reason: 'New poll' }).then(
      () => onError(null),
      (failure: Error) => onError(failure.message),
    );
  };

  return (
    <div className="gonogo" data-testid="gonogo">
      <header className="gonogo-header">
        <div>
          <h2 className="view-title">Go/No-Go {poll.pollId ? <span className="muted">· {poll.pollId}</span> : null}</h2>
          <p className="muted" data-testid="poll-status">
            {poll.status === 'idle'
              ? 'No poll is open.'
              : poll.status === 'open'
                ? `Open since ${formatInstant(poll.openedAt ?? '', zone)} (${poll.openedBy ?? ''}).`
                : `Decided ${formatInstant(poll.decision?.decidedAt ?? '', zone)} by ${poll.decision?.decidedBy ?? ''}.`}
          </p>
        </div>
        <div className="gonogo-actions">
          {open ? (
            <>
              <button type="button" className="button primary big" data-testid="poll-the-room" disabled={roll.length === 0} onClick={() => setRoom(true)}>
                Poll the room <kbd>P</kbd>
              </button>
              <button type="button" className="button" onClick={() => setSetup('edit')}>
                Participants &amp; criteria…
              </button>
            </>
          ) : null}
          {poll.status === 'idle' ? (
            <button type="button" className="button primary" data-testid="poll-open" onClick={() => setSetup('open')}>
              Open a poll…
            </button>
          ) : (
            <button type="button" className="button secondary" data-testid="poll-reset" onClick={reset}>
              {poll.status === 'decided' ? 'New poll' : 'Abandon poll'}
            </button>
          )}
        </div>
      </header>

      {poll.decision ? (
        <div className={`decision-record outcome-${poll.decision.outcome}`} data-testid="decision-record">
          <div className="decision-outcome">{poll.decision.outcome}</div>
          <div className="decision-facts">
            <div>
              Called by <strong>{poll.decision.decidedBy}</strong> at {formatInstant(poll.decision.decidedAt, zone)}
            </div>
            {poll.decision.note ? <div>“{poll.decision.note}”</div> : null}
            {poll.decision.snapshot.metricGates && poll.decision.snapshot.metricGates.length > 0 ? (
              <MetricGateSnapshot readings={poll.decision.snapshot.metricGates} />
            ) : null}
            {poll.decision.override ? (
              <div className="override-record" data-testid="override-record">
                <strong>OVERRIDE</strong> by {poll.decision.override.by}: {poll.decision.override.reason}
                <ul>
                  {poll.decision.override.blockers.map((blocker, index) => (
                    <li key={index}>{blocker.message}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        </div>
      ) : null}

      {poll.status !== 'idle' ? (
        <div className="gonogo-grid">
          <section className="card">
            <h3>Room</h3>
            <table className="room-table" data-testid="room-table">
              <thead>
                <tr>
                  <th>Participant</th>
                  <th>Role</th>
                  <th>Vote</th>
                  <th>Criteria</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {roll.map(({ participant, role, required, vote }) => (
                  <tr key={participant.id} data-testid="room-row" className={vote?.value === 'NO-GO' ? 'dissent' : ''}>
                    <td>
                      <strong>{participant.name}</strong>
                      {vote?.comment ? <div className="vote-comment">“{vote.comment}”</div> : null}
                    </td>
                    <td className="role-cell">
                      {role} <span className={required ? 'required-pill' : 'optional-pill'}>{required ? 'required' : 'advisory'}</span>
                    </td>
                    <td>{vote ? <span className={`vote-badge vote-${vote.value}`}>{vote.value}</span> : <span className="muted">—</span>}</td>
                    <td>
                      <div className="criteria-chips">
                        {vote?.criteria.map((entry) => (
                          <span key={entry.criterionId} className={`chip vote-${entry.value}`} title={entry.comment ?? ''}>
                            {poll.criteria.find((criterion) => criterion.id === entry.criterionId)?.title ?? entry.criterionId}: {entry.value}
                          </span>
                        ))}
                      </div>
                    </td>
                    <td>
                      {open && mayCastBallotFor(you, participant.name) ? (
                        <button type="button" className="button secondary" data-testid={`vote-for-${participant.id}`} onClick={() => setVoting(participant)}>
                          {vote ? 'Change' : 'Vote…'}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {roll.length === 0 ? <p className="empty">No participants: add the roles who must say go.</p> : null}
          </section>

          <section className="card">
            <h3>Quorum</h3>
            <p className={`quorum ${gates?.quorum.met ? 'met' : 'not-met'}`} data-testid="quorum">
              {gates === null
                ? '…'
                : gates.quorum.met
                  ? 'Quorum met: every required role voted, none says NO-GO.'
                  : `${summarizeQuorum(gates.quorum, roll.filter((entry) => entry.vote !== null).length, roll.length)}.`}
            </p>
            <BlockerList title="Holds GO (cannot be overridden)" blockers={quorumBlockers} testId="quorum-blockers" />
            <BlockerList title="Gates (an override with a reason lifts them)" blockers={blockers} testId="gate-blockers" />
            {gates && gates.quorum.advisoryNoGo.length > 0 ? (
              <p className="dissent-note">
                Advisory dissent: {gates.quorum.advisoryNoGo.map((id) => poll.participants.find((participant) => participant.id === id)?.name ?? id).join(', ')}{' '}
                said NO-GO.
              </p>
            ) : null}
            {gatesError ? <p className="form-error">{gatesError}</p> : null}
            <h3>Criteria</h3>
            <ul className="criteria-list">
              {poll.criteria.map((criterion) => {
                const tally = criterionTally(poll.votes, criterion.id);
                const reading = criterion.metric && open ? gates?.metricGates?.find((entry) => entry.criterionId === criterion.id) : undefined;
                return (
                  <li key={criterion.id} className={criterion.metric ? 'metric-criterion' : undefined}>
                    <span title={criterion.description}>{criterion.title}</span>
                    {criterion.metric && open ? <MetricGateBadge metric={criterion.metric} reading={reading ?? null} /> : null}
                    <span className="tally">
                      <span className="vote-GO">{tally.GO} go</span> · <span className="vote-NO-GO">{tally['NO-GO']} no-go</span> ·{' '}
                      <span className="muted">{tally.ABSTAIN} abstain</span>
                    </span>
                  </li>
                );
              })}
            </ul>
          </section>

          <section className="card">
            <GoNoGoRisks slug={slug} />
          </section>
        </div>
      ) : (
        <p className="empty">Open a poll when the room is ready: every required role states GO or NO-GO on the criteria.</p>
      )}

      {open ? (
        <section className="card decide-card">
          <h3>Decision</h3>
          <form
            className="decide-form"
            onSubmit={(event) => {
              event.preventDefault();
              decide();
            }}
          >
            <fieldset className="segmented">
              {OUTCOMES.map((option) => (
                <label key={option} className={`vote-option vote-${option} ${outcome === option ? 'checked' : ''}`}>
                  <input type="radio" name="outcome" data-testid={`outcome-${option}`} checked={outcome === option} onChange={() => setOutcome(option)} />{' '}
                  {option}
                </label>
              ))}
            </fieldset>
            <input
              data-testid="decision-note"
              value={note}
              maxLength={2000}
              placeholder="Note for the record (optional)"
              onChange={(event) => setNote(event.target.value)}
            />
            {needsOverride ? (
              <label className="override-field">
                Override: GO over {blockers.length} open gate{blockers.length === 1 ? '' : 's'} needs a written reason (it stands out in the report)
                <textarea data-testid="override-reason" rows={2} value={override} maxLength={2000} onChange={(event) => setOverride(event.target.value)} />
              </label>
            ) : null}
            <FormError message={decideError} testId="decide-error" />
            <div className="form-actions">
              <button type="submit" className={`button ${outcome === 'GO' ? 'primary' : 'danger'}`} data-testid="decide">
                Call {outcome}
              </button>
            </div>
          </form>
        </section>
      ) : null}

      {poll.pastPolls.length > 0 ? (
        <section className="card">
          <h3>Earlier polls</h3>
          <ul className="past-polls">
            {poll.pastPolls.map((past) => (
              <li key={past.pollId}>
                {past.pollId}:{' '}
                {past.decision
                  ? `${past.decision.outcome} by ${past.decision.decidedBy} at ${formatInstant(past.decision.decidedAt, zone)}${past.decision.override ? ' (override)' : ''}`
                  : 'abandoned'}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {voting ? (
        <VoteDialog slug={slug} participant={voting} criteria={poll.criteria} current={poll.votes[voting.id] ?? null} onClose={() => setVoting(null)} />
      ) : null}
      {setup ? <PollSetupDialog slug={slug} mode={setup} participants={poll.participants} criteria={poll.criteria} onClose={() => setSetup(null)} /> : null}
      {room ? <PollTheRoom slug={slug} meta={meta} poll={poll} gates={gates} onClose={() => setRoom(false)} /> : null}
    </div>
  );
}

function BlockerList({ title, blockers, testId }: { title: string; blockers: readonly GateBlocker[]; testId: string }) {
  if (blockers.length === 0) return null;
  return (
    <div className="blockers" data-testid={testId}>
      <h4>{title}</h4>
      <ul>
        {blockers.map((blocker, index) => (
          <li key={index} className={`blocker blocker-${blocker.kind}`}>
            {blocker.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
