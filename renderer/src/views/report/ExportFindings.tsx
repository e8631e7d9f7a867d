import { useState } from 'react';
import type { ContractError } from '../../../../contract/result';
import { client } from '../../client/warroom-client';
import { FormError } from '../../components/FormError';

/** One finding of the final export scan, as a refusal carries it: the rule and the place, never the secret. */
export interface ExportFinding {
  readonly rule: string;
  readonly fingerprint: string;
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
}

/** The shortest reason the main side accepts for allowing a finding (as every override: a reason a reader can follow). */
export const MinAllowReasonChars = 10;

/** The findings a refused export names in its error (none when it was refused for another reason). */
export function findingsOf(detail: ContractError | undefined): ExportFinding[] {
  const out: ExportFinding[] = [];
  for (const location of detail?.locations ?? []) {
    if (!location.finding) continue;
    out.push({
      rule: location.finding.rule,
      fingerprint: location.finding.fingerprint,
      file: location.file ?? '(export)',
      line: location.line ?? null,
      column: location.column ?? null,
    });
  }
  return out;
}

/**
 * What the final scan refused an export for: each finding with its rule and place, and a
 * form to allow that exact finding (by its fingerprint) with a written reason, which is
 * journaled. Once every listed finding is allowed, `onAllAllowed` retries the export.
 */
export function ExportFindings({
  slug,
  what,
  findings,
  onAllAllowed,
}: {
  slug: string;
  /** The export that was refused ("the Markdown report", "the handover bundle"). */
  what: string;
  findings: readonly ExportFinding[];
  onAllAllowed: () => void;
}) {
  const [allowed, setAllowed] = useState<ReadonlySet<string>>(new Set());
  const open = findings.filter((finding) => !allowed.has(finding.fingerprint));
  return (
    <div className="export-findings" role="region" aria-label="Findings of the final scan" data-testid="export-findings">
      <p>
        The final scan refused {what}: {findings.length === 1 ? 'one place still matches' : `${findings.length} places still match`} a secret rule after
        redaction, and nothing was written. Mask it (a literal or a pattern in the redaction review below), or, if it is not a secret, allow that exact finding
        with a reason: the reason is journaled.
      </p>
      <ul>
        {open.map((finding) => (
          <FindingRow
            key={finding.fingerprint}
            slug={slug}
            finding={finding}
            onAllowed={() => {
              const next = new Set(allowed).add(finding.fingerprint);
              setAllowed(next);
              if (findings.every((candidate) => next.has(candidate.fingerprint))) onAllAllowed();
            }}
          />
        ))}
      </ul>
    </div>
  );
}

function FindingRow({ slug, finding, onAllowed }: { slug: string; finding: ExportFinding; onAllowed: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const place = `${finding.file}${finding.line === null ? '' : ` line ${finding.line}`}${finding.column === null ? '' : `, column ${finding.column}`}`;
  const short = reason.trim().length < MinAllowReasonChars;
  return (
    <li className="export-finding" data-testid={`finding-${finding.fingerprint}`}>
      <div>
        <span className="kind">{finding.rule}</span> at <span className="mono">{place}</span>{' '}
        <span className="muted mono" title="identifies this exact finding: rule, place and matched text, hashed">
          finding {finding.fingerprint}
        </span>
      </div>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (short) return;
          setBusy(true);
          client.call('report.finding-allow', { slug, fingerprint: finding.fingerprint, reason: reason.trim() }).then(
            () => {
              setBusy(false);
              setError(null);
              onAllowed();
            },
            (failure: Error) => {
              setBusy(false);
              setError(failure.message);
            },
          );
        }}
      >
        <label>
          Why this is not a secret
          <input
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            minLength={MinAllowReasonChars}
            maxLength={500}
            placeholder={`at least ${MinAllowReasonChars} characters`}
            data-testid={`finding-reason-${finding.fingerprint}`}
          />
        </label>
        <button type="submit" className="button" disabled={busy || short} data-testid={`finding-allow-${finding.fingerprint}`}>
          {busy ? 'Allowing…' : 'Allow this finding'}
        </button>
      </form>
      <FormError message={error} />
    </li>
  );
}
