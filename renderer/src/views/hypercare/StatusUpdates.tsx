import { useCallback, useEffect, useState } from 'react';
import type { ReleaseState } from '../../../../contract/models';
import type { ChannelView, CommsPreview, OutboxView } from '../../../../contract/requests/comms-requests';
import { STATUS_TEMPLATES, type StatusTemplate } from '../../../../contract/hypercare-terms';
import type { RequestInput } from '../../../../contract/requests';
import { client } from '../../client/warroom-client';
import { useGate } from '../../app/role-gate';
import { TEMPLATE_TITLES } from './sla-format';

/** The outbox is asked again this often while it holds something, to show retries as they happen. */
const OUTBOX_REFRESH_MS = 2_000;

type Params = RequestInput<'comms.preview'>['params'];

interface Props {
  readonly slug: string;
  readonly state: ReleaseState;
}

/**
 * Status updates: pick the moment, preview the text each channel will get (times in its
 * audience's zones, secrets masked), approve it, and watch the outbox deliver it.
 */
export function StatusUpdates({ slug, state }: Props) {
  const [channels, setChannels] = useState<readonly ChannelView[]>([]);
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [template, setTemplate] = useState<StatusTemplate>('go-no-go');
  const [fields, setFields] = useState({ outcome: 'go', number: '1', step: '', reason: '', incident: '', issue: '', note: '' });
  const [preview, setPreview] = useState<CommsPreview | null>(null);
  const [outbox, setOutbox] = useState<OutboxView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mayApprove = useGate('comms.approve', 'approve and send a status update');

  useEffect(() => {
    client.call('comms.channels', {}).then(
      (list) => {
        setChannels(list);
        setChosen(list.map((channel) => channel.id));
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, []);
  const loadOutbox = useCallback(() => {
    client.call('comms.outbox', { slug }).then(setOutbox, () => undefined);
  }, [slug]);
  useEffect(loadOutbox, [loadOutbox, state.comms]);
  useEffect(() => {
    if (!outbox || outbox.waiting.length === 0) return;
    const timer = setInterval(loadOutbox, OUTBOX_REFRESH_MS);
    return () => clearInterval(timer);
  }, [outbox, loadOutbox]);

  const params = (): Params => {
    const note = fields.note;
    switch (template) {
      case 'go-no-go':
        return { template, outcome: fields.outcome as 'go' | 'no-go', note };
      case 'step-done':
        return { template, number: Number(fields.number), step: fields.step, note };
      case 'rollback-started':
        return { template, reason: fields.reason, note };
      case 'incident-opened':
      case 'incident-mitigated':
      case 'incident-resolved':
        return { template, incident: fields.incident, note };
      case 'sla-breach':
        return { template, issue: fields.issue, note };
      default:
        return { template, note };
    }
  };
  const fail = (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure));
  const doPreview = () => {
    setError(null);
    client.call('comms.preview', { slug, params: params(), channels: [...chosen] }).then(setPreview, fail);
  };
  const approve = () => {
    setError(null);
    client.call('comms.approve', { slug, params: params(), channels: [...chosen] }).then(() => {
      setPreview(null);
      loadOutbox();
    }, fail);
  };
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) => {
    setFields({ ...fields, [name]: event.target.value });
    setPreview(null);
  };

  return (
    <section className="status-updates" aria-label="Status updates" data-testid="status-updates">
      <h3>Status updates</h3>
      {channels.length === 0 ? <p className="faint">No channels yet: add Slack, Teams, email or a status page in Settings (release-manager).</p> : null}
      <div className="issue-detail-row">
        <label>
          Moment
          <select
            value={template}
            onChange={(event) => {
              setTemplate(event.target.value as StatusTemplate);
              setPreview(null);
            }}
            data-testid="update-template"
          >
            {STATUS_TEMPLATES.map((value) => (
              <option key={value} value={value}>
                {TEMPLATE_TITLES[value]}
              </option>
            ))}
          </select>
        </label>
        {template === 'go-no-go' ? (
          <label>
            Outcome
            <select value={fields.outcome} onChange={set('outcome')}>
              <option value="go">GO</option>
              <option value="no-go">NO-GO</option>
            </select>
          </label>
        ) : null}
        {template === 'step-done' ? (
          <>
            <label>
              Step number
              <input type="number" min={1} value={fields.number} onChange={set('number')} />
            </label>
            <label className="wide">
              Step
              <input value={fields.step} onChange={set('step')} />
            </label>
          </>
        ) : null}
        {template === 'rollback-started' ? (
          <label className="wide">
            Why
            <input value={fields.reason} onChange={set('reason')} data-testid="update-reason" />
          </label>
        ) : null}
        {template.startsWith('incident-') ? (
          <label>
            Incident
            <select value={fields.incident} onChange={set('incident')}>
              <option value="">(choose)</option>
              {state.incidents.incidents.map((incident) => (
                <option key={incident.id} value={incident.id}>
                  {incident.id} {incident.title}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {template === 'sla-breach' ? (
          <label>
            Issue
            <select value={fields.issue} onChange={set('issue')} data-testid="update-issue">
              <option value="">(choose)</option>
              {state.hypercare.issues.map((issue) => (
                <option key={issue.id} value={issue.id}>
                  {issue.id} {issue.title}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <label className="wide">
        Note (optional)
        <input value={fields.note} onChange={set('note')} maxLength={2000} data-testid="update-note" />
      </label>
      <fieldset className="update-channels">
        <legend>Channels</legend>
        {channels.map((channel) => (
          <label key={channel.id} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(channel.id)}
              onChange={(event) => setChosen(event.target.checked ? [...chosen, channel.id] : chosen.filter((id) => id !== channel.id))}
            />
            {channel.name} <span className="faint">({channel.target})</span>
          </label>
        ))}
      </fieldset>
      <div className="issue-detail-row">
        <button type="button" className="button" onClick={doPreview} disabled={chosen.length === 0} data-testid="update-preview">
          Preview
        </button>
        <button
          type="button"
          className="button primary"
          onClick={approve}
          disabled={preview === null || !mayApprove.allowed}
          data-testid="update-approve"
          title={mayApprove.why ?? 'Journal the update and send it'}
        >
          Approve and send
        </button>
      </div>
      {mayApprove.why ? (
        <p className="faint" data-testid="update-approve-why">
          {mayApprove.why}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {preview ? (
        <div className="update-preview" data-testid="update-preview-text">
          {preview.masked > 0 ? <p className="faint">{preview.masked} secret(s) masked by the release’s redaction rules.</p> : null}
          {preview.messages.map((message) => (
            <article key={message.channel}>
              <h4>
                {channels.find((channel) => channel.id === message.channel)?.name ?? message.channel}: {message.subject}
              </h4>
              <p>{message.text}</p>
            </article>
          ))}
        </div>
      ) : null}
      {outbox ? (
        <div className="outbox" data-testid="outbox">
          <h4>Outbox: {outbox.waiting.length === 0 ? 'nothing waiting' : `${outbox.waiting.length} waiting`}</h4>
          <ul>
            {outbox.waiting.map((entry) => (
              <li key={`${entry.message}/${entry.channel}`} className="waiting">
                {entry.message} → {entry.channel}:{' '}
                {entry.inFlight
                  ? 'sending…'
                  : entry.lastError
                    ? `${entry.lastError}; attempt ${entry.attempts}, next ${entry.nextAttemptAt ? new Date(entry.nextAttemptAt).toLocaleTimeString() : 'now'}`
                    : 'queued'}
              </li>
            ))}
            {outbox.sent.slice(0, 5).map((update) => (
              <li key={update.id} data-testid="sent-update">
                {update.id} {update.subject}: {update.channels.map((channel) => `${channel.channel} ${channel.deliveredAt ? '✓' : '…'}`).join(', ')}
                <span className="faint">{update.trigger ? ' sent automatically' : ` approved by ${update.approvedBy}`}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
