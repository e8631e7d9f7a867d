import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecordingListing } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { formatBytes } from './format-bytes';
import { RecordingPlayer } from './RecordingPlayer';
import { formatInstant, viewerZone } from '../../format/time';

/** The release's recordings: list, replay, and import of an asciinema .cast file. */
export function RecordingsPanel({ slug, refreshKey }: { slug: string; refreshKey: number }) {
  const [recordings, setRecordings] = useState<readonly RecordingListing[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    client.call('recording.list', { slug }).then(setRecordings, (failure: Error) => setError(failure.message));
  }, [slug]);
  useEffect(load, [load, refreshKey]);

  const importFile = async (file: File) => {
    setError(null);
    try {
      const imported = await client.call('recording.import', { slug, name: file.name, content: await file.text() });
      load();
      setSelected(imported.file);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <section className="recordings" aria-label="Recordings">
      <div className="section-header">
        <h3>Recordings</h3>
        <button type="button" className="button secondary" onClick={() => fileInput.current?.click()}>
          Import .cast…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".cast,application/x-asciicast,application/json"
          hidden
          data-testid="recording-import"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void importFile(file);
            event.target.value = '';
          }}
        />
      </div>
      {error ? <div className="form-error">{error}</div> : null}
      <div className="recordings-body">
        {recordings.length === 0 ? (
          <p className="empty">No recordings yet: every terminal session is recorded here.</p>
        ) : (
          <ul className="recording-list" data-testid="recording-list">
            {recordings.map((recording) => (
              <li key={recording.file}>
                <button type="button" className={`recording-item${selected === recording.file ? ' selected' : ''}`} onClick={() => setSelected(recording.file)}>
                  <span className="recording-title">
                    {recording.title ?? recording.file}
                    {recording.live ? <span className="live-badge"> ● recording</span> : null}
                    {recording.imported ? <span className="imported-badge">imported</span> : null}
                  </span>
                  <span className="recording-meta">
                    {recording.startedAt ? formatInstant(recording.startedAt, viewerZone()) : 'no start time'} · {formatBytes(recording.bytes)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {selected ? <RecordingPlayer key={selected} slug={slug} file={selected} /> : null}
      </div>
    </section>
  );
}
