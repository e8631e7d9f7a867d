import { useState, type FormEvent } from 'react';
import type { PlaybookListing } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { Dialog } from '../../components/Dialog';

/** Import a YAML playbook or a Markdown runbook: validated first, written only when it is valid. */
export function ImportPlaybookDialog({ slug, onClose, onImported }: { slug: string; onClose: () => void; onImported: (listing: PlaybookListing) => void }) {
  const [fileName, setFileName] = useState('');
  const [text, setText] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    // Emptied at once, so that choosing the same file again (fixed after an error) is read again.
    input.value = '';
    if (!file) return;
    setFileName(file.name.replace(/[^A-Za-z0-9._-]/g, '-'));
    setText(await file.text());
    setError(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    client.call('playbook.import', { slug, fileName, text, overwrite }).then(onImported, (failure: Error) => {
      setBusy(false);
      setError(failure.message);
    });
  };
  return (
    <Dialog title="Import a playbook" onClose={onClose} wide>
      <form className="form" onSubmit={submit}>
        <label>
          From a file (.yaml, .yml or a Markdown runbook .md)
          <input type="file" accept=".yaml,.yml,.md" onChange={(event) => void pick(event.target)} data-testid="import-file" />
        </label>
        <label>
          File name in this release
          <input value={fileName} onChange={(event) => setFileName(event.target.value)} placeholder="rollback.yaml" required data-testid="import-name" />
        </label>
        <label>
          Text
          <textarea
            className="import-text"
            value={text}
            onChange={(event) => setText(event.target.value)}
            rows={14}
            spellCheck={false}
            data-testid="import-text"
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={overwrite} onChange={(event) => setOverwrite(event.target.checked)} /> Replace a playbook of the same name
        </label>
        {error ? (
          <div className="form-error" role="alert" data-testid="import-error">
            <pre className="playbook-error-text">{error}</pre>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || fileName === '' || text.trim() === ''} data-testid="import-submit">
            Validate and import
          </button>
        </div>
      </form>
    </Dialog>
  );
}
