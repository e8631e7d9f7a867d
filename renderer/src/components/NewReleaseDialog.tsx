import { useState } from 'react';
import { DateTime } from 'luxon';
import { client } from '../client/warroom-client';
import { viewerZone } from '../format/time';
import { Dialog } from './Dialog';
import { FormError } from './FormError';

/** Create a release: name, version, live or rehearsal, go-live in its zone. */
export function NewReleaseDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (slug: string) => void }) {
  const [name, setName] = useState('');
  const [version, setVersion] = useState('');
  const [mode, setMode] = useState<'live' | 'rehearsal'>('rehearsal');
  const [zone, setZone] = useState(viewerZone());
  const [goLive, setGoLive] = useState(() => DateTime.now().plus({ days: 1 }).startOf('hour').toFormat("yyyy-MM-dd'T'HH:mm"));
  const [error, setError] = useState<string | null>(null);
  const zones = Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [zone];

  const submit = () => {
    const moment = DateTime.fromISO(goLive, { zone });
    if (!moment.isValid) {
      setError(`The go-live time is not valid in ${zone}: ${moment.invalidExplanation ?? moment.invalidReason}`);
      return;
    }
    client.call('release.create', { definition: { name, version, mode, zone, goLive: moment.toISO()!, description: '' }, targets: [] }).then(
      (created) => onCreated(created.slug),
      (failure: Error) => setError(failure.message),
    );
  };

  return (
    <Dialog title="New release" onClose={onClose}>
      <form
        className="form"
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
          <label>
            Go-live (T-0)
            <input type="datetime-local" required value={goLive} onChange={(event) => setGoLive(event.target.value)} />
          </label>
          <label>
            Time zone
            <select value={zone} onChange={(event) => setZone(event.target.value)}>
              {zones.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {candidate}
                </option>
              ))}
            </select>
          </label>
        </div>
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            Create release
          </button>
        </div>
      </form>
    </Dialog>
  );
}
