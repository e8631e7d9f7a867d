import { useState } from 'react';
import { client } from '../../client/warroom-client';
import { Dialog } from '../../components/Dialog';
import type { Criterion, Participant, Vote, VoteValue } from './poll-types';
import { FormError } from '../../components/FormError';

const VALUES: readonly VoteValue[] = ['GO', 'NO-GO', 'ABSTAIN'];

interface Props {
  readonly slug: string;
  readonly participant: Participant;
  readonly criteria: readonly Criterion[];
  readonly current: Vote | null;
  readonly onClose: () => void;
}

/** Record a participant's vote: overall, optionally per criterion, each with a comment. */
export function VoteDialog({ slug, participant, criteria, current, onClose }: Props) {
  const [value, setValue] = useState<VoteValue | null>(current?.value ?? null);
  const [comment, setComment] = useState(current?.comment ?? '');
  const [perCriterion, setPerCriterion] = useState<Record<string, { value: VoteValue | ''; comment: string }>>(() =>
    Object.fromEntries(
      criteria.map((criterion) => {
        const vote = current?.criteria.find((entry) => entry.criterionId === criterion.id);
        return [criterion.id, { value: vote?.value ?? '', comment: vote?.comment ?? '' }];
      }),
    ),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = () => {
    if (value === null) return;
    const criteriaVotes = criteria.flatMap((criterion) => {
      const entry = perCriterion[criterion.id];
      if (!entry || entry.value === '') return [];
      return [{ criterionId: criterion.id, value: entry.value, ...(entry.comment.trim() ? { comment: entry.comment.trim() } : {}) }];
    });
    setBusy(true);
    client
      .call('poll.vote', { slug, participantId: participant.id, value, ...(comment.trim() ? { comment: comment.trim() } : {}), criteria: criteriaVotes })
      .then(onClose, (failure: Error) => {
        setError(failure.message);
        setBusy(false);
      });
  };

  return (
    <Dialog title={`Vote: ${participant.name} (${participant.role}${participant.required ? ', required' : ', advisory'})`} onClose={onClose} wide>
      <form
        className="form vote-form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <fieldset className="segmented vote-values">
          <legend>Overall</legend>
          {VALUES.map((option) => (
            <label key={option} className={`vote-option vote-${option} ${value === option ? 'checked' : ''}`}>
              <input type="radio" name="overall" data-testid={`vote-${option}`} checked={value === option} onChange={() => setValue(option)} /> {option}
            </label>
          ))}
        </fieldset>
        <label>
          Comment (read out in the room, kept in the record)
          <input data-testid="vote-comment" value={comment} maxLength={2000} onChange={(event) => setComment(event.target.value)} />
        </label>
        <table className="criteria-votes">
          <thead>
            <tr>
              <th>Criterion (optional)</th>
              <th>Vote</th>
              <th>Comment</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((criterion) => {
              const entry = perCriterion[criterion.id] ?? { value: '', comment: '' };
              const update = (patch: Partial<typeof entry>) => setPerCriterion({ ...perCriterion, [criterion.id]: { ...entry, ...patch } });
              return (
                <tr key={criterion.id}>
                  <td title={criterion.description}>{criterion.title}</td>
                  <td>
                    <select
                      aria-label={`${criterion.title} vote`}
                      data-testid={`criterion-vote-${criterion.id}`}
                      value={entry.value}
                      onChange={(event) => update({ value: event.target.value as VoteValue | '' })}
                    >
                      <option value="">—</option>
                      {VALUES.map((option) => (
                        <option key={option} value={option}>
                          {option}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`${criterion.title} comment`}
                      value={entry.comment}
                      maxLength={2000}
                      onChange={(event) => update({ comment: event.target.value })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" data-testid="vote-save" disabled={busy || value === null}>
            Record vote
          </button>
        </div>
      </form>
    </Dialog>
  );
}
