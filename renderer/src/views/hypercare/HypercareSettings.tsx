import { useEffect, useState } from 'react';
import type { ChannelView } from '../../../../contract/requests/comms-requests';
import type { SlaSettings } from '../../../../contract/domain/hypercare/sla-settings';
import type { RequestInput } from '../../../../contract/requests';
import { AUTO_TEMPLATES, ISSUE_SEVERITIES, type ChannelKind } from '../../../../contract/hypercare-terms';
import { client } from '../../client/warroom-client';
import { CLOCK_LABELS, TEMPLATE_TITLES } from './sla-format';

type ChannelInput = RequestInput<'comms.channels-save'>['channels'][number];
type AutoTemplate = (typeof AUTO_TEMPLATES)[number];
const CLOCKS = ['acknowledge', 'mitigate', 'resolve'] as const;
const KIND_LABELS: Readonly<Record<ChannelKind, string>> = { slack: 'Slack', teams: 'Microsoft Teams', email: 'Email (SMTP)', 'status-page': 'Status page' };

/** A channel being edited. Secrets start empty: the form never receives them, and empty keeps the stored one. */
interface Draft {
  readonly key: number;
  readonly stored: boolean;
  readonly secretSet: boolean;
  readonly id: string;
  readonly kind: ChannelKind;
  readonly name: string;
  readonly url: string;
  readonly host: string;
  readonly port: string;
  readonly secure: boolean;
  readonly user: string;
  readonly password: string;
  readonly from: string;
  readonly to: string;
  readonly file: string;
  readonly zones: string;
  readonly auto: readonly AutoTemplate[];
}

let nextKey = 1;
function draftOf(channel: ChannelView): Draft {
  const settings = channel.settings;
  return {
    key: nextKey++,
    stored: true,
    secretSet: channel.secretSet,
    id: channel.id,
    kind: channel.kind,
    name: channel.name,
    url: '',
    host: settings.kind === 'email' ? settings.host : '',
    port: settings.kind === 'email' ? String(settings.port) : '587',
    secure: settings.kind === 'email' ? settings.secure : false,
    user: settings.kind === 'email' ? settings.user : '',
    password: '',
    from: settings.kind === 'email' ? settings.from : '',
    to: settings.kind === 'email' ? settings.to.join(', ') : '',
    file: settings.kind === 'status-page' ? settings.file : 'status/index.html',
    zones: channel.zones.join(', '),
    auto: channel.auto.filter((template): template is AutoTemplate => (AUTO_TEMPLATES as readonly string[]).includes(template)),
  };
}

function blank(kind: ChannelKind): Draft {
  return { ...draftOf({ id: '', kind, name: '', target: '', zones: [], auto: [], secretSet: false, settings: { kind: 'slack' } }), stored: false };
}

const list = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

function inputOf(draft: Draft): ChannelInput {
  const common = { id: draft.id.trim(), name: draft.name, zones: list(draft.zones), auto: [...draft.auto] };
  if (draft.kind === 'slack' || draft.kind === 'teams') return { ...common, kind: draft.kind, ...(draft.url ? { url: draft.url.trim() } : {}) };
  if (draft.kind === 'email') {
    return {
      ...common,
      kind: 'email',
      smtp: {
        host: draft.host.trim(),
        port: Number(draft.port),
        secure: draft.secure,
        ...(draft.user ? { user: draft.user } : {}),
        ...(draft.password ? { password: draft.password } : {}),
      },
      from: draft.from.trim(),
      to: list(draft.to),
    };
  }
  return { ...common, kind: 'status-page', file: draft.file.trim() };
}

const message = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));

/**
 * The workspace's hypercare settings: SLA targets per severity and clock, and the channels
 * status updates go to. Secrets (webhook URLs, SMTP passwords) are write-only here: the
 * form shows whether one is stored, never the secret, and an empty field keeps it.
 */
export function HypercareSettings({ onClose }: { readonly onClose: () => void }) {
  const [sla, setSla] = useState<SlaSettings | null>(null);
  const [drafts, setDrafts] = useState<readonly Draft[]>([]);
  const [status, setStatus] = useState<{ readonly tone: 'ok' | 'error'; readonly text: string } | null>(null);
  const [adding, setAdding] = useState<ChannelKind>('slack');

  useEffect(() => {
    client.call('hypercare.sla-get', {}).then(setSla, (failure: unknown) => setStatus({ tone: 'error', text: message(failure) }));
    client.call('comms.channels', {}).then(
      (channels) => setDrafts(channels.map(draftOf)),
      (failure: unknown) => setStatus({ tone: 'error', text: message(failure) }),
    );
  }, []);

  const change = (key: number, patch: Partial<Draft>) => setDrafts((all) => all.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft)));
  const setTarget = (severity: (typeof ISSUE_SEVERITIES)[number], clock: (typeof CLOCKS)[number], value: string) => {
    if (!sla) return;
    setSla({ ...sla, targets: { ...sla.targets, [severity]: { ...sla.targets[severity], [clock]: Number(value) } } });
  };
  const saveSla = () => {
    if (!sla) return;
    setStatus(null);
    client.call('hypercare.sla-save', { settings: sla }).then(
      (saved) => {
        setSla(saved);
        setStatus({ tone: 'ok', text: 'SLA targets saved; every clock uses them now.' });
      },
      (failure: unknown) => setStatus({ tone: 'error', text: message(failure) }),
    );
  };
  const saveChannels = () => {
    setStatus(null);
    client.call('comms.channels-save', { channels: drafts.map(inputOf) }).then(
      (saved) => {
        setDrafts(saved.map(draftOf));
        setStatus({ tone: 'ok', text: `Channels saved (${saved.length}). Secrets are kept in the workspace only and masked in reports and bundles.` });
      },
      (failure: unknown) => setStatus({ tone: 'error', text: message(failure) }),
    );
  };

  return (
    <section className="hypercare-settings" aria-label="Hypercare settings" data-testid="hypercare-settings">
      <header className="hypercare-header">
        <h3>Hypercare settings</h3>
        <button type="button" className="button" onClick={onClose} data-testid="settings-close">
          Back to the board
        </button>
      </header>
      {status ? (
        <p className={`hypercare-message ${status.tone}`} role={status.tone === 'error' ? 'alert' : 'status'} data-testid="settings-status">
          {status.text}
        </p>
      ) : null}
      <fieldset className="settings-block">
        <legend>SLA targets (minutes)</legend>
        {sla ? (
          <>
            <table className="sla-table">
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  {CLOCKS.map((clock) => (
                    <th key={clock} scope="col">
                      {CLOCK_LABELS[clock]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ISSUE_SEVERITIES.map((severity) => (
                  <tr key={severity}>
                    <th scope="row">{severity.toUpperCase()}</th>
                    {CLOCKS.map((clock) => (
                      <td key={clock}>
                        <input
                          type="number"
                          min={1}
                          aria-label={`${severity} ${clock} minutes`}
                          data-testid={`sla-${severity}-${clock}`}
                          value={sla.targets[severity][clock]}
                          onChange={(event) => setTarget(severity, clock, event.target.value)}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <label className="inline">
              Warn when this share of a clock has run (%)
              <input
                type="number"
                min={10}
                max={99}
                data-testid="sla-warn-at"
                value={Math.round(sla.warnAt * 100)}
                onChange={(event) => setSla({ ...sla, warnAt: Number(event.target.value) / 100 })}
              />
            </label>
            <button type="button" className="button primary" onClick={saveSla} data-testid="sla-save">
              Save SLA targets
            </button>
          </>
        ) : (
          <p className="faint">Loading…</p>
        )}
      </fieldset>
      <fieldset className="settings-block">
        <legend>Channels for status updates</legend>
        {drafts.length === 0 ? <p className="faint">No channels yet.</p> : null}
        {drafts.map((draft) => (
          <article key={draft.key} className="channel-editor" data-testid="channel-editor" data-channel={draft.id}>
            <div className="issue-detail-row">
              <strong>{KIND_LABELS[draft.kind]}</strong>
              <label>
                Id
                <input value={draft.id} disabled={draft.stored} onChange={(event) => change(draft.key, { id: event.target.value })} data-testid="channel-id" />
              </label>
              <label className="wide">
                Name
                <input value={draft.name} onChange={(event) => change(draft.key, { name: event.target.value })} data-testid="channel-name" />
              </label>
              <label>
                Zones (comma-separated)
                <input value={draft.zones} placeholder="release and pods’ zones" onChange={(event) => change(draft.key, { zones: event.target.value })} />
              </label>
              <button
                type="button"
                className="button small"
                onClick={() => setDrafts((all) => all.filter((candidate) => candidate.key !== draft.key))}
                aria-label={`Remove ${draft.name || draft.id || 'channel'}`}
              >
                Remove
              </button>
            </div>
            {draft.kind === 'slack' || draft.kind === 'teams' ? (
              <div className="issue-detail-row">
                <label className="wide">
                  Incoming webhook URL
                  <input
                    type="password"
                    autoComplete="off"
                    value={draft.url}
                    placeholder={draft.secretSet ? 'stored: leave empty to keep it' : 'https://…'}
                    onChange={(event) => change(draft.key, { url: event.target.value })}
                    data-testid="channel-url"
                  />
                </label>
                {draft.secretSet ? (
                  <span className="secret-set" data-testid="secret-set">
                    secret stored ✓
                  </span>
                ) : null}
              </div>
            ) : null}
            {draft.kind === 'email' ? (
              <div className="issue-detail-row">
                <label>
                  SMTP host
                  <input value={draft.host} onChange={(event) => change(draft.key, { host: event.target.value })} data-testid="channel-host" />
                </label>
                <label>
                  Port
                  <input type="number" value={draft.port} onChange={(event) => change(draft.key, { port: event.target.value })} data-testid="channel-port" />
                </label>
                <label className="check">
                  <input type="checkbox" checked={draft.secure} onChange={(event) => change(draft.key, { secure: event.target.checked })} />
                  TLS
                </label>
                <label>
                  User
                  <input value={draft.user} autoComplete="off" onChange={(event) => change(draft.key, { user: event.target.value })} />
                </label>
                <label>
                  Password
                  <input
                    type="password"
                    autoComplete="off"
                    value={draft.password}
                    placeholder={draft.secretSet ? 'stored: leave empty to keep it' : ''}
                    onChange={(event) => change(draft.key, { password: event.target.value })}
                    data-testid="channel-password"
                  />
                </label>
                <label>
                  From
                  <input value={draft.from} onChange={(event) => change(draft.key, { from: event.target.value })} data-testid="channel-from" />
                </label>
                <label className="wide">
                  To (comma-separated)
                  <input value={draft.to} onChange={(event) => change(draft.key, { to: event.target.value })} data-testid="channel-to" />
                </label>
              </div>
            ) : null}
            {draft.kind === 'status-page' ? (
              <div className="issue-detail-row">
                <label className="wide">
                  File (relative to the release folder, or an absolute path a web server serves)
                  <input value={draft.file} onChange={(event) => change(draft.key, { file: event.target.value })} data-testid="channel-file" />
                </label>
              </div>
            ) : null}
            <div className="issue-detail-row auto-templates">
              <span className="faint">Send by itself, without approving each message:</span>
              {AUTO_TEMPLATES.map((template) => (
                <label key={template} className="check">
                  <input
                    type="checkbox"
                    checked={draft.auto.includes(template)}
                    data-testid={`auto-${template}`}
                    onChange={(event) =>
                      change(draft.key, { auto: event.target.checked ? [...draft.auto, template] : draft.auto.filter((value) => value !== template) })
                    }
                  />
                  {TEMPLATE_TITLES[template]}
                </label>
              ))}
            </div>
          </article>
        ))}
        <div className="issue-detail-row">
          <label>
            New channel
            <select value={adding} onChange={(event) => setAdding(event.target.value as ChannelKind)} data-testid="channel-kind">
              {(Object.keys(KIND_LABELS) as ChannelKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" onClick={() => setDrafts((all) => [...all, blank(adding)])} data-testid="channel-add">
            Add channel
          </button>
          <button type="button" className="button primary" onClick={saveChannels} data-testid="channels-save">
            Save channels
          </button>
        </div>
      </fieldset>
    </section>
  );
}
