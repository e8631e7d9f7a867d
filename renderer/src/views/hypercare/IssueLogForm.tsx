import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ISSUE_SEVERITIES, ISSUE_SOURCES, IMPACT_LEVELS, type IssueSeverity, type IssueSource } from '../../../../contract/hypercare-terms';
import { client } from '../../client/warroom-client';

interface Props {
  readonly slug: string;
  readonly pods: readonly string[];
  readonly onDone: (message: string | null) => void;
}

type Level = (typeof IMPACT_LEVELS)[number];

/** Log a post-release issue: what, from where, how bad, how urgent. Enter logs it, Escape closes. */
export function IssueLogForm({ slug, pods, onDone }: Props) {
  const [title, setTitle] = useState('');
  const [source, setSource] = useState<IssueSource>('customer');
  const [customer, setCustomer] = useState('');
  const [environment, setEnvironment] = useState('production');
  const [severity, setSeverity] = useState<IssueSeverity>('sev2');
  const [impact, setImpact] = useState<Level>(2);
  const [urgency, setUrgency] = useState<Level>(2);
  const [pod, setPod] = useState('');
  const [error, setError] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    client
      .call('hypercare.issue-log', { slug, title, source, customer, environment, severity, impact, urgency, pod: pod || null })
      .then((issue) => onDone(`${issue.id} logged.`))
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  };

  return (
    <form
      className="issue-log-form"
      aria-label="Log an issue"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone(null);
      }}
    >
      <label className="wide">
        What happened
        <input ref={titleRef} value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={300} data-testid="issue-title" />
      </label>
      <label>
        Source
        <select value={source} onChange={(event) => setSource(event.target.value as IssueSource)} data-testid="issue-source">
          {ISSUE_SOURCES.map((value) => (
            <option key={value}>{value}</option>
          ))}
        </select>
      </label>
      <label>
        Customer
        <input value={customer} onChange={(event) => setCustomer(event.target.value)} maxLength={120} data-testid="issue-customer" />
      </label>
      <label>
        Environment
        <input value={environment} onChange={(event) => setEnvironment(event.target.value)} maxLength={80} />
      </label>
      <label>
        Severity
        <select value={severity} onChange={(event) => setSeverity(event.target.value as IssueSeverity)} data-testid="issue-severity">
          {ISSUE_SEVERITIES.map((value) => (
            <option key={value}>{value}</option>
          ))}
        </select>
      </label>
      <label>
        Business impact
        <select value={impact} onChange={(event) => setImpact(Number(event.target.value) as Level)} data-testid="issue-impact">
          {IMPACT_LEVELS.map((value) => (
            <option key={value}>{value}</option>
          ))}
        </select>
      </label>
      <label>
        Urgency
        <select value={urgency} onChange={(event) => setUrgency(Number(event.target.value) as Level)} data-testid="issue-urgency">
          {IMPACT_LEVELS.map((value) => (
            <option key={value}>{value}</option>
          ))}
        </select>
      </label>
      <label>
        Pod
        <select value={pod} onChange={(event) => setPod(event.target.value)}>
          <option value="">(suggest one)</option>
          {pods.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>
      <div className="form-actions">
        <button type="submit" className="button primary" data-testid="issue-log-submit">
          Log issue
        </button>
        <button type="button" className="button secondary" onClick={() => onDone(null)}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
