import { useEffect, useRef, useState } from 'react';
import type { RiskCategory } from '../../../../contract/models';
import { RISK_CATEGORIES, riskBand, riskScore } from '../../../../contract/risk-register';
import { useRequest } from '../../client/use-request';
import { FormError } from '../../components/FormError';

interface Props {
  readonly slug: string;
  readonly onClose: () => void;
  readonly onAdded: (id: string) => void;
}

const LEVEL_OPTIONS = [1, 2, 3, 4, 5] as const;

/**
 * The compact form `n` opens: title, likelihood, impact, category, owner. Enter saves and
 * keeps the form open for the next risk (entering a register is a burst); Escape closes.
 */
export function RiskQuickAdd({ slug, onClose, onAdded }: Props) {
  const [title, setTitle] = useState('');
  const [likelihood, setLikelihood] = useState(3);
  const [impact, setImpact] = useState(3);
  const [category, setCategory] = useState<RiskCategory>('technical');
  const [owner, setOwner] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const { run, busy, error } = useRequest('risk.add');
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => titleRef.current?.focus(), []);

  const band = riskBand(riskScore(likelihood, impact));
  return (
    <form
      className="risk-quick-add"
      data-testid="risk-quick-add"
      aria-label="Quick add a risk"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
      onSubmit={(event) => {
        event.preventDefault();
        void run({ slug, title, likelihood, impact, category, owner }).then((risk) => {
          if (!risk) return void setSaved(null);
          setSaved(`${risk.id} saved`);
          setTitle('');
          onAdded(risk.id);
          titleRef.current?.focus();
        });
      }}
    >
      <label className="grow">
        Title
        <input
          ref={titleRef}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          placeholder="What could go wrong?"
          data-testid="quick-title"
          required
          maxLength={200}
        />
      </label>
      <label>
        Likelihood
        <select value={likelihood} onChange={(event) => setLikelihood(Number(event.target.value))} data-testid="quick-likelihood">
          {LEVEL_OPTIONS.map((level) => (
            <option key={level}>{level}</option>
          ))}
        </select>
      </label>
      <label>
        Impact
        <select value={impact} onChange={(event) => setImpact(Number(event.target.value))} data-testid="quick-impact">
          {LEVEL_OPTIONS.map((level) => (
            <option key={level}>{level}</option>
          ))}
        </select>
      </label>
      <div className="quick-score" aria-live="polite">
        <span className={`band-badge band-${band}`}>
          {likelihood * impact} {band}
        </span>
      </div>
      <label>
        Category
        <select value={category} onChange={(event) => setCategory(event.target.value as RiskCategory)}>
          {RISK_CATEGORIES.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      </label>
      <label>
        Owner
        <input value={owner} onChange={(event) => setOwner(event.target.value)} placeholder="Name" maxLength={200} data-testid="quick-owner" />
      </label>
      <div className="quick-actions">
        <button type="submit" className="button primary" disabled={busy} data-testid="quick-save">
          Add <kbd>↵</kbd>
        </button>
        <button type="button" className="button secondary" onClick={onClose}>
          Close <kbd>Esc</kbd>
        </button>
      </div>
      <FormError message={error} />
      {saved && !error ? (
        <div className="quick-saved" role="status">
          {saved} · add the next one or press Esc
        </div>
      ) : null}
    </form>
  );
}
