import { useEffect, useState } from 'react';
import type { Risk, RiskCategory } from '../../../../contract/models';
import { RISK_CATEGORIES } from '../../../../contract/risk-register';
import { client } from '../../client/warroom-client';
import { FormError } from '../../components/FormError';

/** The editable fields as form text: numbers and nulls become strings ('' = not set). */
interface Draft {
  title: string;
  description: string;
  category: RiskCategory;
  likelihood: string;
  impact: string;
  owner: string;
  trigger: string;
  mitigation: string;
  plan: string;
  playbook: string;
  step: string;
  residualLikelihood: string;
  residualImpact: string;
  reviewDate: string;
}

function draftOf(risk: Risk): Draft {
  return {
    title: risk.title,
    description: risk.description,
    category: risk.category,
    likelihood: String(risk.likelihood),
    impact: String(risk.impact),
    owner: risk.owner,
    trigger: risk.trigger,
    mitigation: risk.mitigation,
    plan: risk.contingency.plan,
    playbook: risk.contingency.playbook ?? '',
    step: risk.contingency.step ?? '',
    residualLikelihood: risk.residualLikelihood === null ? '' : String(risk.residualLikelihood),
    residualImpact: risk.residualImpact === null ? '' : String(risk.residualImpact),
    reviewDate: risk.reviewDate ?? '',
  };
}

function level(text: string): number | null {
  return text === '' ? null : Number(text);
}

/** Only what differs from the risk: the main side records exactly these as before -> after. */
function changesOf(risk: Risk, draft: Draft): Record<string, unknown> {
  const next = {
    title: draft.title,
    description: draft.description,
    category: draft.category,
    likelihood: Number(draft.likelihood),
    impact: Number(draft.impact),
    owner: draft.owner,
    trigger: draft.trigger,
    mitigation: draft.mitigation,
    contingency: { plan: draft.plan, playbook: draft.playbook.trim() || null, step: draft.step.trim() || null },
    residualLikelihood: level(draft.residualLikelihood),
    residualImpact: level(draft.residualImpact),
    reviewDate: draft.reviewDate || null,
  };
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify(risk[field as keyof Risk])) changes[field] = value;
  }
  return changes;
}

const LEVELS = ['1', '2', '3', '4', '5'] as const;

function LevelSelect({
  label,
  value,
  onChange,
  optional,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  optional?: boolean;
  testId?: string;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
        {optional ? <option value="">—</option> : null}
        {LEVELS.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    </label>
  );
}

/**
 * Edit a risk's fields. The draft follows the risk while untouched (another operator's
 * change shows at once); Save sends only the changed fields; Ctrl+Enter saves.
 */
export function RiskEditForm({ slug, risk }: { slug: string; risk: Risk }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(risk));
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!dirty) setDraft(draftOf(risk));
  }, [risk, dirty]);

  const set =
    <Field extends keyof Draft>(field: Field) =>
    (value: Draft[Field]) => {
      setDraft((current) => ({ ...current, [field]: value }));
      setDirty(true);
    };
  const text = (field: keyof Draft) => ({
    value: draft[field],
    onChange: (event: { target: { value: string } }) => set(field)(event.target.value as never),
  });

  const save = () => {
    const changes = changesOf(risk, draft);
    if (Object.keys(changes).length === 0) {
      setDirty(false);
      return;
    }
    setBusy(true);
    client.call('risk.update', { slug, id: risk.id, changes }).then(
      () => {
        setBusy(false);
        setDirty(false);
        setError(null);
      },
      (failure: Error) => {
        setBusy(false);
        setError(failure.message);
      },
    );
  };

  return (
    <form
      className="form risk-edit"
      data-testid="risk-edit"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          save();
        }
      }}
    >
      <label>
        Title
        <input {...text('title')} required maxLength={200} data-testid="edit-title" />
      </label>
      <div className="form-row">
        <LevelSelect label="Likelihood" value={draft.likelihood} onChange={set('likelihood')} testId="edit-likelihood" />
        <LevelSelect label="Impact" value={draft.impact} onChange={set('impact')} testId="edit-impact" />
        <LevelSelect label="Residual L" value={draft.residualLikelihood} onChange={set('residualLikelihood')} optional testId="edit-residual-likelihood" />
        <LevelSelect label="Residual I" value={draft.residualImpact} onChange={set('residualImpact')} optional testId="edit-residual-impact" />
      </div>
      <div className="form-row">
        <label>
          Category
          <select value={draft.category} onChange={(event) => set('category')(event.target.value as RiskCategory)}>
            {RISK_CATEGORIES.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </label>
        <label>
          Owner
          <input {...text('owner')} maxLength={200} data-testid="edit-owner" />
        </label>
        <label>
          Review date
          <input type="date" {...text('reviewDate')} />
        </label>
      </div>
      <label>
        Description
        <textarea {...text('description')} rows={2} />
      </label>
      <label>
        Trigger / early warning sign
        <textarea {...text('trigger')} rows={2} />
      </label>
      <label>
        Mitigation (what reduces it before)
        <textarea {...text('mitigation')} rows={2} data-testid="edit-mitigation" />
      </label>
      <label>
        Plan B (contingency)
        <textarea {...text('plan')} rows={2} />
      </label>
      <div className="form-row">
        <label>
          Plan B playbook
          <input {...text('playbook')} placeholder="e.g. rollback.yaml" maxLength={200} />
        </label>
        <label>
          Step
          <input {...text('step')} placeholder="optional" maxLength={200} />
        </label>
      </div>
      <FormError message={error} />
      <div className="form-actions">
        {dirty ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setDraft(draftOf(risk));
              setDirty(false);
              setError(null);
            }}
          >
            Discard
          </button>
        ) : null}
        <button type="submit" className="button primary" disabled={!dirty || busy} data-testid="edit-save">
          Save changes <kbd>Ctrl ↵</kbd>
        </button>
      </div>
    </form>
  );
}
