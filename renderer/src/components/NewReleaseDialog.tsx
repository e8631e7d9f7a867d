import { useEffect, useState } from 'react';
import { DateTime } from 'luxon';
import { defaultGoLive } from './default-go-live';
import type { BuiltinTemplateView } from '../../../contract/models';
import { client } from '../client/warroom-client';
import { viewerZone } from '../format/time';
import { Dialog } from './Dialog';
import { FormError } from './FormError';
import { DateTimeField } from './TimeFields';

/**
 * The zones offered: every zone the browser knows, plus the viewer's own and UTC, which
 * Chromium's list leaves out when they are aliases ("UTC", "Etc/UTC", "Asia/Calcutta"): a
 * select whose value is not among its options shows its first option (Africa/Abidjan).
 */
function zoneOptions(own: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([own, 'UTC', ...known])];
}

/**
 * Create a release: name, version, live or rehearsal, go-live in its zone, and the checklist
 * to start from. The zone defaults to the viewer's (the browser's own in browser mode, the
 * system's in the desktop app): the person creating the release plans in their own clock.
 */
export function NewReleaseDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (slug: string) => void }) {
  const own = viewerZone();
  const [name, setName] = useState('');
  const [version, setVersion] = useState('');
  const [mode, setMode] = useState<'live' | 'rehearsal'>('rehearsal');
  const [zone, setZone] = useState(own);
  const [goLive, setGoLive] = useState(() => defaultGoLive(DateTime.now().setZone(own)));
  const [templates, setTemplates] = useState<readonly BuiltinTemplateView[] | null>(null);
  const [template, setTemplate] = useState('go-live');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zones = zoneOptions(own);

  useEffect(() => {
    let live = true;
    client.call('checklist.templates.builtin', {}).then(
      (list) => {
        if (!live) return;
        setTemplates(list);
        setTemplate((current) => (list.some((entry) => entry.id === current) ? current : (list[0]?.id ?? '')));
      },
      (failure: Error) => live && setError(`The built-in checklist templates could not be listed: ${failure.message}`),
    );
    return () => {
      live = false;
    };
  }, []);

  const chosen = templates?.find((entry) => entry.id === template) ?? null;

  const submit = () => {
    const moment = DateTime.fromISO(goLive, { zone });
    if (!moment.isValid) {
      setError(`The go-live time is not valid in ${zone}: ${moment.invalidExplanation ?? moment.invalidReason}`);
      return;
    }
    setBusy(true);
    client
      .call('release.create', {
        definition: { name, version, mode, zone, goLive: moment.toISO()!, description: '' },
        targets: [],
        ...(template === '' ? {} : { template }),
      })
      .then(
        (created) => onCreated(created.slug),
        (failure: Error) => {
          setBusy(false);
          setError(failure.message);
        },
      );
  };

  return (
    <Dialog title="New release" onClose={onClose}>
      <form
        className="form"
        data-testid="new-release-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label>
          Name
          <input autoFocus required value={name} maxLength={200} onChange={(event) => setName(event.target.value)} placeholder="Payments 7.3" />
        </label>
        <label>
          Version
          <input value={version} maxLength={100} onChange={(event) => setVersion(event.target.value)} placeholder="7.3.0" />
        </label>
        <fieldset className="segmented">
          <legend>Mode</legend>
          {(['rehearsal', 'live'] as const).map((value) => (
            <label key={value} className={mode === value ? 'checked' : ''}>
              <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
              {value === 'live' ? 'Live' : 'Rehearsal'}
            </label>
          ))}
        </fieldset>
        <div className="form-row">
          <div className="field">
            <span className="field-label">Go-live (T-0), 24-hour</span>
            <DateTimeField label="Go-live" value={goLive} onChange={setGoLive} required testId="new-release-golive" />
          </div>
          <label>
            Time zone
            <select value={zone} onChange={(event) => setZone(event.target.value)} data-testid="new-release-zone">
              {zones.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {candidate === own ? `${candidate} (this browser’s zone)` : candidate}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          Checklist
          <select value={template} onChange={(event) => setTemplate(event.target.value)} data-testid="new-release-template" disabled={templates === null}>
            {templates === null ? <option value={template}>Loading the built-in templates…</option> : null}
            {templates?.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name} ({entry.items} items in {entry.phases} phases)
              </option>
            ))}
            <option value="">Empty checklist</option>
          </select>
        </label>
        <p className="hint" data-testid="new-release-template-description">
          {chosen ? chosen.description.split('\n')[0] : template === '' ? 'Start with no items; import a template later from the Checklist view.' : ''}
        </p>
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Create release
          </button>
        </div>
      </form>
    </Dialog>
  );
}
