import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RiskFilter, RiskImportPreviewView, RiskStatus } from '../../../contract/models';
import { RISK_LIVE_STATUSES, RISK_STATUSES, filterRiskRows, riskHeatMap, riskRows, sortRiskRows } from '../../../contract/risk-register';
import { client } from '../client/warroom-client';
import type { ViewProps } from './view-props';
import { RiskHeatMap, type HeatMapCell } from './risks/RiskHeatMap';
import { RiskTable, type RiskSort } from './risks/RiskTable';
import { RiskQuickAdd } from './risks/RiskQuickAdd';
import { PlanBOffer, RiskDetail } from './risks/RiskDetail';
import { RiskImportDialog, type ImportSource } from './risks/RiskImportDialog';
import { DEFAULT_FILTERS, RiskToolbar, type RiskFilters } from './risks/RiskToolbar';
import { downloadText, readUtf8File } from './risks/download';
import '../styles/risks.css';

/** Incidents shown above the register; more would push the register off the screen. */
const SHOWN_INCIDENTS = 2;

function statusesOf(filter: RiskFilters['status']): readonly RiskStatus[] {
  if (filter === 'live') return RISK_LIVE_STATUSES;
  if (filter === 'all') return RISK_STATUSES;
  return [filter];
}

/** True when a key press is typing into something, so single-key shortcuts stay out of the way. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The risk register: inherent and residual heat maps (click a cell to filter), a sortable,
 * filterable table, quick add from the keyboard (n), the detail panel with status moves
 * and history, CSV/JSON import with a preview, and export.
 */
export function RisksView({ slug, meta, state }: ViewProps) {
  const [filters, setFilters] = useState<RiskFilters>(DEFAULT_FILTERS);
  const [cell, setCell] = useState<HeatMapCell | null>(null);
  const [sort, setSort] = useState<RiskSort>({ key: 'score', direction: 'desc' });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [quickAdd, setQuickAdd] = useState(false);
  const [importing, setImporting] = useState<{ source: ImportSource; preview: RiskImportPreviewView } | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const allRows = useMemo(() => riskRows(state.risks), [state.risks]);
  const filtered = useMemo(() => {
    const filter: RiskFilter = {
      statuses: statusesOf(filters.status),
      ...(filters.category === 'all' ? {} : { categories: [filters.category] }),
      ...(filters.band === 'all' ? {} : { bands: [filters.band] }),
      text: filters.text,
    };
    return filterRiskRows(allRows, filter);
  }, [allRows, filters]);
  // The heat maps count what the filters leave, so a cell's count is the rows its click shows.
  const maps = useMemo(() => {
    const register = { risks: filtered, nextNumber: 0 };
    return { inherent: riskHeatMap(register, 'inherent', RISK_STATUSES), residual: riskHeatMap(register, 'residual', RISK_STATUSES) };
  }, [filtered]);
  const rows = useMemo(() => sortRiskRows(cell ? filterRiskRows(filtered, { cell }) : filtered, sort.key, sort.direction), [filtered, cell, sort]);
  const selected = selectedId ? (state.risks.risks.find((risk) => risk.id === selectedId) ?? null) : null;
  const incidents = state.risks.risks.filter((risk) => risk.status === 'occurred');
  const bandCounts = useMemo(() => {
    const counts = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const row of filtered) counts[row.band] += 1;
    return counts;
  }, [filtered]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target) || document.querySelector('dialog[open]')) return;
      if (event.key === 'n') {
        event.preventDefault();
        setQuickAdd(true);
      } else if (event.key === 'Escape') {
        setSelectedId(null);
      } else if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const openImport = useCallback(
    (file: File) => {
      setMessage(null);
      const format = /\.json$/i.test(file.name) ? 'json' : 'csv';
      readUtf8File(file)
        .then(async (text) => {
          const preview = await client.call('risk.import-preview', { slug, format, text });
          setImporting({ source: { fileName: file.name, format, text }, preview });
        })
        .catch((failure: Error) => setMessage({ tone: 'error', text: `${file.name}: ${failure.message}` }));
    },
    [slug],
  );

  const exportRegister = (format: 'csv' | 'json') => {
    client.call('risk.export', { slug, format }).then(
      (file) => downloadText(file.fileName, file.mimeType, file.text),
      (failure: Error) => setMessage({ tone: 'error', text: failure.message }),
    );
  };

  const today = new Date().toISOString().slice(0, 10);
  return (
    <section className={`view risks-view${selected ? ' with-detail' : ''}`} aria-label="Risks">
      <div className="risks-main">
        <RiskToolbar
          filters={filters}
          onFilters={setFilters}
          searchRef={searchRef}
          onQuickAdd={() => setQuickAdd(true)}
          onImportFile={openImport}
          onExport={exportRegister}
        />
        {message ? (
          <div
            className={message.tone === 'error' ? 'form-error' : 'risk-message'}
            role={message.tone === 'error' ? 'alert' : 'status'}
            data-testid="risk-message"
          >
            {message.text}
            <button type="button" className="link-button" onClick={() => setMessage(null)} aria-label="Dismiss">
              ✕
            </button>
          </div>
        ) : null}
        {incidents.length > 0 ? (
          <div className="incident-strip">
            {incidents.slice(0, SHOWN_INCIDENTS).map((risk) => (
              <PlanBOffer key={risk.id} risk={risk} incident={state.incidents.incidents.find((incident) => incident.risk?.id === risk.id)} />
            ))}
            {incidents.length > SHOWN_INCIDENTS ? (
              <button type="button" className="link-button faint" onClick={() => setFilters({ ...filters, status: 'occurred' })}>
                and {incidents.length - SHOWN_INCIDENTS} more risks that occurred: list them
              </button>
            ) : null}
          </div>
        ) : null}
        <div className="risk-overview">
          <RiskHeatMap map={maps.inherent} title="Inherent" selected={cell} onSelect={setCell} />
          <RiskHeatMap map={maps.residual} title="Residual (after mitigation)" selected={cell} onSelect={setCell} />
          <div className="risk-summary">
            <ul className="band-counts" aria-label="Risks by band">
              {(['critical', 'high', 'medium', 'low'] as const).map((band) => (
                <li key={band}>
                  <button
                    type="button"
                    className={`band-count band-${band}${filters.band === band ? ' active' : ''}`}
                    onClick={() => setFilters({ ...filters, band: filters.band === band ? 'all' : band })}
                    title={`Show only ${band} risks`}
                  >
                    <span className="band-count-number">{bandCounts[band]}</span> {band}
                  </button>
                </li>
              ))}
            </ul>
            <p className="faint legend">Score = likelihood × impact: low 1–4, medium 5–9, high 10–16, critical 20–25. Click a cell to list its risks.</p>
            <p className="faint legend">
              <kbd>n</kbd> new risk · <kbd>/</kbd> search · <kbd>↑</kbd>
              <kbd>↓</kbd> <kbd>↵</kbd> open · <kbd>Esc</kbd> close
            </p>
          </div>
        </div>
        {quickAdd ? <RiskQuickAdd slug={slug} onClose={() => setQuickAdd(false)} onAdded={() => setCell(null)} /> : null}
        <div className="risk-table-caption">
          <span data-testid="risk-count">
            {rows.length} of {allRows.length} risk{allRows.length === 1 ? '' : 's'}
          </span>
          {cell ? (
            <button type="button" className="filter-chip" onClick={() => setCell(null)} data-testid="cell-filter">
              {cell.basis} L{cell.likelihood} × I{cell.impact} ✕
            </button>
          ) : null}
        </div>
        <RiskTable rows={rows} sort={sort} onSort={setSort} selectedId={selectedId} onOpen={setSelectedId} today={today} />
      </div>
      {selected ? (
        <RiskDetail
          key={selected.id}
          slug={slug}
          risk={selected}
          seq={state.seq}
          zone={meta.zone}
          incident={state.incidents.incidents.find((incident) => incident.risk?.id === selected.id)}
          onClose={() => setSelectedId(null)}
        />
      ) : null}
      {importing ? (
        <RiskImportDialog
          slug={slug}
          source={importing.source}
          initial={importing.preview}
          onClose={() => setImporting(null)}
          onImported={(result) => {
            setImporting(null);
            const renumbered =
              result.renumbered.length > 0
                ? `; ${result.renumbered.length} renumbered (${result.renumbered
                    .slice(0, 3)
                    .map((entry) => `${entry.from} → ${entry.to}`)
                    .join(', ')}${result.renumbered.length > 3 ? ', …' : ''})`
                : '';
            const skipped = result.skippedBadRows > 0 ? `; ${result.skippedBadRows} bad row${result.skippedBadRows === 1 ? '' : 's'} left out` : '';
            setMessage({ tone: 'ok', text: `Imported ${result.ids.length} risk${result.ids.length === 1 ? '' : 's'}${renumbered}${skipped}.` });
          }}
        />
      ) : null}
    </section>
  );
}
