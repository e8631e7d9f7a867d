import { useEffect, useState } from 'react';
import type { RedactionReview as Review, ReportExport, ReportModel } from '../../../contract/models';
import { RequestError, client } from '../client/warroom-client';
import { ExportFindings, findingsOf, type ExportFinding } from './report/ExportFindings';
import { RedactionReview } from './report/RedactionReview';
import { ReportPreview } from './report/ReportPreview';
import type { ViewProps } from './view-props';
import '../styles/report.css';
import { FormError } from '../components/FormError';

const MIME = { md: 'text/markdown', html: 'text/html', pdf: 'application/pdf' } as const;

/** A browser URL for an export's content (revoked when replaced). */
function blobUrl(result: ReportExport, format: keyof typeof MIME): string {
  const bytes = result.encoding === 'base64' ? Uint8Array.from(atob(result.content), (char) => char.charCodeAt(0)) : new TextEncoder().encode(result.content);
  return URL.createObjectURL(new Blob([bytes], { type: `${MIME[format]};charset=utf-8` }));
}

/**
 * The post-release report: a preview of every section, the redaction review, and the
 * exports (Markdown, HTML, PDF written into the release's reports/ folder and offered
 * for download; the handover bundle), plus importing a bundle.
 */
export function ReportView({ slug, state }: ViewProps) {
  const [model, setModel] = useState<ReportModel | null>(null);
  const [review, setReview] = useState<Review | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [exported, setExported] = useState<{ format: string; name: string; file: string; sha256: string; url: string | null }[]>([]);
  const [bundlePath, setBundlePath] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  // An export the final scan refused: its findings, and how to retry it once they are allowed.
  const [refused, setRefused] = useState<{ what: string; findings: readonly ExportFinding[]; retry: () => void; attempt: number } | null>(null);
  const noteRefusal = (failure: Error, what: string, retry: () => void) => {
    const findings = failure instanceof RequestError ? findingsOf(failure.detail) : [];
    setRefused(findings.length === 0 ? null : (previous) => ({ what, findings, retry, attempt: (previous?.attempt ?? 0) + 1 }));
  };

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      client.call('report.preview', { slug }).then(
        (result) => {
          if (cancelled) return;
          setModel(result.model);
          setError(null);
        },
        (failure: Error) => !cancelled && setError(failure.message),
      );
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [slug, state.seq]);

  useEffect(() => {
    let cancelled = false;
    // The full review reads every recording: follow the journal, but not on every keystroke of a burst.
    const timer = setTimeout(() => {
      client.call('report.review', { slug }).then(
        (result) => !cancelled && setReview(result),
        (failure: Error) => !cancelled && setError(failure.message),
      );
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [slug, state.seq]);

  const exportAs = (format: 'md' | 'html' | 'pdf') => {
    setBusy(format);
    client.call('report.export', { slug, format }).then(
      (result) => {
        const url = blobUrl(result, format);
        setExported((list) => [{ format, name: result.name, file: result.file, sha256: result.sha256, url }, ...list]);
        const link = document.createElement('a');
        link.href = url;
        link.download = result.name;
        link.click();
        setError(null);
        setRefused(null);
        setBusy(null);
      },
      (failure: Error) => {
        setError(failure.message);
        noteRefusal(failure, `the ${format === 'md' ? 'Markdown' : format.toUpperCase()} report`, () => exportAs(format));
        setBusy(null);
      },
    );
  };
  const exportBundle = () => {
    setBusy('bundle');
    client.call('bundle.export', { slug }).then(
      (result) => {
        setExported((list) => [
          { format: 'bundle', name: result.file.split('/').pop() ?? result.file, file: result.file, sha256: result.sha256, url: null },
          ...list,
        ]);
        setMessage(`Bundle written: ${result.file} (${result.files} files, ${result.masked} secret(s) masked).`);
        setError(null);
        setRefused(null);
        setBusy(null);
      },
      (failure: Error) => {
        setError(failure.message);
        noteRefusal(failure, 'the handover bundle', exportBundle);
        setBusy(null);
      },
    );
  };
  const importBundle = () => {
    setBusy('import');
    client.call('bundle.import', { path: bundlePath }).then(
      (result) => {
        setMessage(`Imported as release "${result.slug}" (${result.events} events); it is in the release list.`);
        setBundlePath('');
        setError(null);
        setBusy(null);
      },
      (failure: Error) => {
        setError(failure.message);
        setBusy(null);
      },
    );
  };
  const latestHtml = exported.find((entry) => entry.format === 'html' && entry.url);

  return (
    <section className="view report-view" aria-label="Report">
      <div className="report-actions">
        <h2>Export</h2>
        {(['md', 'html', 'pdf'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button primary"
            disabled={busy !== null}
            onClick={() => exportAs(format)}
            data-testid={`export-${format}`}
          >
            {busy === format ? 'Exporting…' : format === 'md' ? 'Markdown' : format.toUpperCase()}
          </button>
        ))}
        <button type="button" className="button" disabled={busy !== null} onClick={exportBundle} data-testid="export-bundle">
          {busy === 'bundle' ? 'Packing…' : 'Handover bundle'}
        </button>
        {latestHtml ? (
          <a className="button secondary" href={latestHtml.url!} target="_blank" rel="noopener noreferrer" data-testid="open-html">
            Open the HTML report
          </a>
        ) : null}
      </div>
      <FormError message={error} testId="report-error" />
      {refused ? <ExportFindings key={refused.attempt} slug={slug} what={refused.what} findings={refused.findings} onAllAllowed={refused.retry} /> : null}
      {message ? (
        <div className="report-message" role="status">
          {message}
        </div>
      ) : null}
      {exported.length > 0 ? (
        <ul className="export-list" data-testid="export-list">
          {exported.map((entry) => (
            <li key={entry.file}>
              <span className="kind">{entry.format}</span>{' '}
              <span className="mono" title={entry.file}>
                reports/{entry.name}
              </span>{' '}
              <span className="muted mono" title={entry.sha256}>
                sha256 {entry.sha256.slice(0, 16)}…
              </span>
              {entry.url ? (
                <>
                  {' · '}
                  <a href={entry.url} download={entry.name}>
                    download again
                  </a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <h2>Sections</h2>
      {model ? <ReportPreview model={model} /> : <p className="empty">Building the preview…</p>}
      <h2>Redaction review</h2>
      <RedactionReview slug={slug} settings={state.report.redaction} review={review} onReview={setReview} />
      <h2>Import a handover bundle</h2>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (bundlePath) importBundle();
        }}
      >
        <label>
          Bundle file on this machine
          <input
            className="mono"
            value={bundlePath}
            onChange={(event) => setBundlePath(event.target.value)}
            placeholder="/path/to/release-bundle.tar.gz"
            data-testid="import-path"
          />
        </label>
        <button type="submit" className="button" disabled={busy !== null || !bundlePath} data-testid="import-bundle">
          {busy === 'import' ? 'Verifying…' : 'Verify and import'}
        </button>
      </form>
    </section>
  );
}
