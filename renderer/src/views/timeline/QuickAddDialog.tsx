import { useEffect, useRef, useState } from 'react';
import { useRequest } from '../../client/use-request';
import { FormDialog } from '../../components/FormDialog';

type QuickKind = 'note' | 'decision' | 'incident' | 'action-item' | 'issue';
const LEVELS = [1, 2, 3, 4] as const;
const SOURCES = ['customer', 'pod', 'monitoring'] as const;

const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;

/**
 * Add a note, a decision, an incident, an action item or a post-release issue (to the
 * hypercare lane), from any view (Alt+N). Ctrl+Enter saves; Escape closes. The dialog stays open with the error if the
 * journal refuses, so nothing typed is lost.
 */
export function QuickAddDialog({ slug, onClose }: { slug: string; onClose: () => void }) {
  const [kind, setKind] = useState<QuickKind>('note');
  const [text, setText] = useState('');
  const [severity, setSeverity] = useState<(typeof SEVERITIES)[number]>('sev3');
  const [owner, setOwner] = useState('');
  const [issue, setIssue] = useState<{ source: (typeof SOURCES)[number]; customer: string; impact: (typeof LEVELS)[number]; urgency: (typeof LEVELS)[number] }>(
    {
      source: 'customer',
      customer: '',
      impact: 2,
      urgency: 2,
    },
  );
  const textRef = useRef<HTMLTextAreaElement>(null);
  // The native dialog focuses its first control (the kind) when it opens; the text is what the operator types first.
  useEffect(() => textRef.current?.focus(), []);
  const incident = useRequest('incident.open');
  const actionItem = useRequest('action-item.add');
  const note = useRequest('note.add');
  const issueLog = useRequest('hypercare.issue-log');
  const request = kind === 'incident' ? incident : kind === 'action-item' ? actionItem : kind === 'issue' ? issueLog : note;

  const save = async () => {
    const saved =
      kind === 'incident'
        ? await incident.run({ slug, title: text, severity, owner, summary: '' })
        : kind === 'action-item'
          ? await actionItem.run({ slug, text, owner, incidentId: null })
          : kind === 'issue'
            ? await issueLog.run({ slug, title: text, severity, ...issue })
            : await note.run({ slug, kind, text });
    if (saved !== undefined) onClose();
  };

  return (
    <FormDialog
      title="Add to the timeline"
      onClose={onClose}
      onSubmit={() => void save()}
      busy={request.busy}
      error={request.error}
      submitLabel="Add (Ctrl+Enter)"
      submitDisabled={!text.trim()}
      testId="quick-add"
      submitTestId="quick-save"
    >
      <fieldset className="segmented" aria-label="Kind">
        {(['note', 'decision', 'incident', 'action-item', 'issue'] as const).map((option) => (
          <label key={option} className={kind === option ? 'checked' : ''}>
            <input
              type="radio"
              name="quick-kind"
              value={option}
              checked={kind === option}
              onChange={() => setKind(option)}
              data-testid={`quick-kind-${option}`}
            />
            {option === 'action-item' ? 'Action item' : option === 'issue' ? 'Hypercare issue' : option[0]!.toUpperCase() + option.slice(1)}
          </label>
        ))}
      </fieldset>
      <label>
        {kind === 'incident'
          ? 'What is happening (title)'
          : kind === 'issue'
            ? 'What customers or monitoring see (title)'
            : kind === 'action-item'
              ? 'What must be done'
              : kind === 'decision'
                ? 'What was decided'
                : 'What happened'}
        <textarea
          ref={textRef}
          rows={3}
          maxLength={kind === 'incident' || kind === 'issue' ? 300 : 20000}
          value={text}
          onChange={(event) => setText(event.target.value)}
          data-testid="quick-text"
        />
      </label>
      {kind === 'incident' || kind === 'action-item' || kind === 'issue' ? (
        <div className="form-row">
          {kind === 'incident' || kind === 'issue' ? (
            <label>
              Severity
              <select value={severity} onChange={(event) => setSeverity(event.target.value as (typeof SEVERITIES)[number])} data-testid="quick-severity">
                {SEVERITIES.map((value) => (
                  <option key={value} value={value}>
                    {value.toUpperCase()}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {kind === 'issue' ? (
            <>
              <label>
                Source
                <select
                  value={issue.source}
                  onChange={(event) => setIssue({ ...issue, source: event.target.value as (typeof SOURCES)[number] })}
                  data-testid="quick-source"
                >
                  {SOURCES.map((value) => (
                    <option key={value} value={value}>
                      {value}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Customer
                <input
                  value={issue.customer}
                  maxLength={120}
                  onChange={(event) => setIssue({ ...issue, customer: event.target.value })}
                  data-testid="quick-customer"
                />
              </label>
              {(['impact', 'urgency'] as const).map((field) => (
                <label key={field}>
                  {field === 'impact' ? 'Impact' : 'Urgency'}
                  <select
                    value={issue[field]}
                    onChange={(event) => setIssue({ ...issue, [field]: Number(event.target.value) as (typeof LEVELS)[number] })}
                    data-testid={`quick-${field}`}
                  >
                    {LEVELS.map((value) => (
                      <option key={value} value={value}>
                        {value}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </>
          ) : (
            <label>
              Owner
              <input value={owner} maxLength={120} onChange={(event) => setOwner(event.target.value)} data-testid="quick-owner" />
            </label>
          )}
        </div>
      ) : null}
    </FormDialog>
  );
}
