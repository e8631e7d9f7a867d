import { useRef, useState } from 'react';
import { client, RequestError } from '../../client/warroom-client';
import { Dialog } from '../../components/Dialog';

interface ImportProblem {
  readonly message: string;
  readonly locations: readonly { readonly file?: string; readonly line?: number; readonly column?: number; readonly field?: string }[];
}

/**
 * Import a checklist template (a YAML file the person picks: read here, validated on the
 * main side) and export the checklist as a template (.yaml, downloaded via a Blob).
 * A refused template shows every problem with its line and column; nothing changes.
 */
export function TemplateButtons({ slug, onError }: { slug: string; onError: (message: string | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<ImportProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const importFile = async (file: File) => {
    setBusy(true);
    try {
      const source = await file.text();
      await client.call('checklist.template.import', { slug, file: file.name, source, mode: 'append' });
      setProblem(null);
      onError(null);
    } catch (failure) {
      if (failure instanceof RequestError) setProblem({ message: failure.message, locations: failure.detail.locations ?? [] });
      else onError(`Could not read ${file.name}: ${failure instanceof Error ? failure.message : String(failure)}`);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const exportTemplate = () => {
    client.call('checklist.template.export', { slug }).then(
      ({ fileName, yaml }) => {
        const url = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = fileName;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
        onError(null);
      },
      (failure: Error) => onError(failure.message),
    );
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml,application/yaml,text/yaml"
        hidden
        data-testid="template-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void importFile(file);
        }}
      />
      <button type="button" className="button" data-testid="template-import" disabled={busy} onClick={() => input.current?.click()}>
        Import template…
      </button>
      <button type="button" className="button" data-testid="template-export" onClick={exportTemplate}>
        Export .yaml
      </button>
      {problem ? (
        <Dialog title="Template refused: nothing changed" onClose={() => setProblem(null)} wide>
          <div className="template-problem" data-testid="template-problem">
            <ul className="problem-list">
              {problem.locations.length > 0
                ? problem.locations.map((location, index) => (
                    <li key={index}>
                      <span className="mono problem-where">
                        {location.file ?? ''} {location.line !== undefined ? `line ${location.line}, column ${location.column ?? 1}` : ''}
                      </span>
                      {location.field ? <span className="problem-field"> {location.field}</span> : null}
                    </li>
                  ))
                : null}
            </ul>
            <p className="form-error">{problem.message}</p>
            <div className="form-actions">
              <button type="button" className="button primary" autoFocus onClick={() => setProblem(null)}>
                Close
              </button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
