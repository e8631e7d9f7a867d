import { useState } from 'react';
import type { RedactionReview as Review, ReleaseState } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { FormError } from '../../components/FormError';

/**
 * Every masked match before export (pattern, where, masked preview), and a form to add
 * a literal or a pattern. Saving journals the settings and re-runs the review.
 */
export function RedactionReview({
  slug,
  settings,
  review,
  onReview,
}: {
  slug: string;
  settings: ReleaseState['report']['redaction'];
  review: Review | null;
  onReview: (review: Review) => void;
}) {
  const [literal, setLiteral] = useState('');
  const [name, setName] = useState('');
  const [source, setSource] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = (next: { literals: string[]; patterns: { name: string; source: string; caseInsensitive: boolean }[] }) => {
    setBusy(true);
    client.call('report.redaction-save', { slug, settings: next }).then(
      (result) => {
        onReview(result);
        setLiteral('');
        setName('');
        setSource('');
        setError(null);
        setBusy(false);
      },
      (failure: Error) => {
        setError(failure.message);
        setBusy(false);
      },
    );
  };
  // Literals are added one at a time (their text goes to the workspace's literals file, never back here).
  const current = { literals: [] as string[], patterns: settings.patterns.map((pattern) => ({ ...pattern })) };

  return (
    <div className="redaction-review" data-testid="redaction-review">
      <p className="muted">
        {review === null
          ? 'Reviewing the journal, recordings and run logs…'
          : `${review.count} secret(s) masked in what leaves: ${review.recorded} while recording (already masked in the recordings), ${review.count - review.recorded} more at export${review.count - review.recorded > review.matches.length ? ` (first ${review.matches.length} listed)` : ''}.`}{' '}
        Saved: {settings.literals.length} literal(s), {settings.patterns.length} pattern(s) of your own, plus the built-in ones.
      </p>
      <div className="redaction-forms">
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (literal) save({ ...current, literals: [literal] });
          }}
        >
          <label>
            Mask this exact text
            <input
              type="password"
              autoComplete="off"
              value={literal}
              onChange={(event) => setLiteral(event.target.value)}
              data-testid="redaction-literal"
              placeholder="a secret the patterns missed"
            />
          </label>
          <button type="submit" className="button" disabled={busy || !literal} data-testid="redaction-add-literal">
            Add literal
          </button>
        </form>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (name && source) save({ ...current, patterns: [...current.patterns, { name, source, caseInsensitive: false }] });
          }}
        >
          <label>
            Pattern name
            <input value={name} onChange={(event) => setName(event.target.value)} placeholder="customer-id" data-testid="redaction-pattern-name" />
          </label>
          <label>
            Regular expression
            <input
              className="mono"
              value={source}
              onChange={(event) => setSource(event.target.value)}
              placeholder="CUST-[0-9]{6}"
              data-testid="redaction-pattern-source"
            />
          </label>
          <button type="submit" className="button" disabled={busy || !name || !source} data-testid="redaction-add-pattern">
            Add pattern
          </button>
        </form>
      </div>
      <FormError message={error} />
      {review && review.matches.length > 0 ? (
        <table className="redaction-matches">
          <thead>
            <tr>
              <th>Pattern</th>
              <th>Where</th>
              <th>Masked preview</th>
            </tr>
          </thead>
          <tbody>
            {review.matches.map((match, index) => (
              <tr key={index}>
                <td>
                  <span className="kind">{match.pattern}</span>
                </td>
                <td className="mono">{match.where}</td>
                <td className="mono">{match.preview}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : review ? (
        <p className="empty">No secret found.</p>
      ) : null}
    </div>
  );
}
