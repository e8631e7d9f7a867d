import { useEffect, useRef, useState } from 'react';
import type { ReleaseMetaState } from '../../../../contract/models';
import { summarizeQuorum } from '../../../../contract/quorum-summary';
import { client } from '../../client/warroom-client';
import type { GoGates, PollState, VoteValue } from './poll-types';
import { rollCallOrder } from './poll-view';

interface Props {
  readonly slug: string;
  readonly meta: ReleaseMetaState;
  readonly poll: PollState;
  readonly gates: GoGates | null;
  readonly onClose: () => void;
}

const VOTE_KEYS: Readonly<Record<string, VoteValue>> = { g: 'GO', n: 'NO-GO', a: 'ABSTAIN' };

/**
 * "Poll the room": one participant at a time, in roll-call order (required roles first),
 * in type big enough for a shared screen. G / N / A record GO / NO-GO / ABSTAIN and move
 * on; C writes down what they said; arrows move; Esc leaves. A vote keeps the
 * participant's comment and per-criterion votes (per-criterion votes: the vote dialog).
 */
export function PollTheRoom({ slug, meta, poll, gates, onClose }: Props) {
  const roll = rollCallOrder(poll);
  const firstOpen = roll.findIndex((entry) => entry.vote === null);
  const [index, setIndex] = useState(firstOpen === -1 ? 0 : firstOpen);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The comment being typed for the current participant (C opens it), or null. */
  const [comment, setComment] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const current = roll[Math.min(index, roll.length - 1)];

  useEffect(() => {
    ref.current?.focus();
    const element = document.documentElement;
    if (element.requestFullscreen && !document.fullscreenElement) element.requestFullscreen().catch(() => undefined);
    return () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  const vote = (value: VoteValue, newComment?: string) => {
    if (!current || busy || poll.status !== 'open') return;
    const previous = current.vote;
    const text = newComment ?? previous?.comment ?? '';
    setBusy(true);
    client
      .call('poll.vote', {
        slug,
        participantId: current.participant.id,
        value,
        ...(text.trim() ? { comment: text.trim() } : {}),
        criteria: (previous?.criteria ?? []).map((entry) => ({
          criterionId: entry.criterionId,
          value: entry.value,
          ...(entry.comment ? { comment: entry.comment } : {}),
        })),
      })
      .then(
        () => {
          setError(null);
          if (newComment === undefined) setIndex((at) => Math.min(at + 1, roll.length - 1));
          setComment(null);
          ref.current?.focus();
        },
        (failure: Error) => setError(failure.message),
      )
      .finally(() => setBusy(false));
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const key = event.key.toLowerCase();
    if (event.ctrlKey || event.metaKey || event.altKey || comment !== null) return;
    if (key === 'escape') onClose();
    else if (VOTE_KEYS[key]) vote(VOTE_KEYS[key]!);
    else if (key === 'c' && current?.vote) setComment(current.vote.comment ?? '');
    else if (key === 'arrowright' || key === 'arrowdown' || key === 'j') setIndex((at) => Math.min(at + 1, roll.length - 1));
    else if (key === 'arrowleft' || key === 'arrowup' || key === 'k') setIndex((at) => Math.max(at - 1, 0));
    else if (key === 'home') setIndex(0);
    else if (key === 'end') setIndex(roll.length - 1);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const voted = roll.filter((entry) => entry.vote !== null).length;
  return (
    <div className="poll-room" data-testid="poll-room" ref={ref} tabIndex={-1} role="dialog" aria-modal="true" aria-label="Poll the room" onKeyDown={onKeyDown}>
      <header className="poll-room-header">
        <span className="poll-room-release">{meta.name}</span>
        <span className="poll-room-progress" data-testid="poll-room-progress">
          {gates === null ? `${voted} of ${roll.length} voted` : summarizeQuorum(gates.quorum, voted, roll.length)}
        </span>
        <button type="button" className="button secondary" onClick={onClose}>
          Close <kbd>Esc</kbd>
        </button>
      </header>
      {current ? (
        <main className="poll-room-stage">
          <div className="poll-room-step">
            {index + 1} / {roll.length}
          </div>
          <div className="poll-room-role" data-testid="poll-room-role">
            {current.role}
          </div>
          <div className="poll-room-name">{current.participant.name}</div>
          <div className={`poll-room-kind ${current.required ? 'required' : 'advisory'}`}>{current.required ? 'Required role' : 'Advisory'}</div>
          <div className={`poll-room-vote vote-${current.vote?.value ?? 'none'}`} data-testid="poll-room-vote">
            {current.vote?.value ?? 'GO or NO-GO?'}
          </div>
          {comment !== null && current.vote ? (
            <form
              className="poll-room-comment-form"
              onSubmit={(event) => {
                event.preventDefault();
                vote(current.vote!.value, comment);
              }}
            >
              <input
                autoFocus
                data-testid="poll-room-comment"
                value={comment}
                maxLength={2000}
                placeholder="What did they say? Enter saves, Esc cancels"
                onChange={(event) => setComment(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') {
                    event.preventDefault();
                    event.stopPropagation();
                    setComment(null);
                    ref.current?.focus();
                  }
                }}
              />
            </form>
          ) : current.vote?.comment ? (
            <div className="poll-room-comment">“{current.vote.comment}”</div>
          ) : null}
          {error ? (
            <div className="form-error poll-room-error" role="alert">
              {error}
            </div>
          ) : null}
        </main>
      ) : (
        <main className="poll-room-stage">
          <div className="poll-room-role">No participants</div>
        </main>
      )}
      <ol className="poll-room-strip">
        {roll.map((entry, at) => (
          <li key={entry.participant.id} className={`${at === index ? 'current' : ''} ${entry.required ? 'required' : 'advisory'}`}>
            <button type="button" tabIndex={-1} onClick={() => setIndex(at)}>
              <span className="strip-role">{entry.role}</span>
              <span className={`strip-vote vote-${entry.vote?.value ?? 'none'}`}>{entry.vote?.value ?? '…'}</span>
            </button>
          </li>
        ))}
      </ol>
      <footer className="poll-room-keys">
        <kbd>G</kbd> GO · <kbd>N</kbd> NO-GO · <kbd>A</kbd> ABSTAIN · <kbd>C</kbd> comment · <kbd>←</kbd>/<kbd>→</kbd> previous / next · <kbd>Esc</kbd> leave
      </footer>
    </div>
  );
}
