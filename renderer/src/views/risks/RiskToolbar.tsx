import { useRef, type RefObject } from 'react';
import type { RiskBand, RiskCategory, RiskStatus } from '../../../../contract/models';
import { RISK_BANDS, RISK_CATEGORIES, RISK_STATUSES } from '../../../../contract/risk-register';

/** What the table and the heat maps are narrowed to (the heat-map cell is kept apart). */
export interface RiskFilters {
  readonly text: string;
  /** 'live': everything but closed. */
  readonly status: 'live' | 'all' | RiskStatus;
  readonly category: 'all' | RiskCategory;
  readonly band: 'all' | RiskBand;
}

export const DEFAULT_FILTERS: RiskFilters = { text: '', status: 'live', category: 'all', band: 'all' };

interface Props {
  readonly filters: RiskFilters;
  readonly onFilters: (filters: RiskFilters) => void;
  readonly searchRef: RefObject<HTMLInputElement | null>;
  readonly onQuickAdd: () => void;
  readonly onImportFile: (file: File) => void;
  readonly onExport: (format: 'csv' | 'json') => void;
}

/** Search, filters, quick add, import and export, in one row above the register. */
export function RiskToolbar({ filters, onFilters, searchRef, onQuickAdd, onImportFile, onExport }: Props) {
  const fileRef = useRef<HTMLInputElement>(null);
  const set = (change: Partial<RiskFilters>) => onFilters({ ...filters, ...change });
  return (
    <div className="risk-toolbar" role="toolbar" aria-label="Risk register tools">
      <input
        ref={searchRef}
        type="search"
        className="risk-search"
        placeholder="Search risks…   /"
        aria-label="Search risks"
        value={filters.text}
        onChange={(event) => set({ text: event.target.value })}
        data-testid="risk-search"
      />
      <select
        aria-label="Status"
        value={filters.status}
        onChange={(event) => set({ status: event.target.value as RiskFilters['status'] })}
        data-testid="filter-status"
      >
        <option value="live">Not closed</option>
        <option value="all">All statuses</option>
        {RISK_STATUSES.map((status) => (
          <option key={status} value={status}>
            {status}
          </option>
        ))}
      </select>
      <select aria-label="Category" value={filters.category} onChange={(event) => set({ category: event.target.value as RiskFilters['category'] })}>
        <option value="all">All categories</option>
        {RISK_CATEGORIES.map((category) => (
          <option key={category}>{category}</option>
        ))}
      </select>
      <select aria-label="Band" value={filters.band} onChange={(event) => set({ band: event.target.value as RiskFilters['band'] })}>
        <option value="all">All bands</option>
        {RISK_BANDS.map((band) => (
          <option key={band}>{band}</option>
        ))}
      </select>
      <span className="toolbar-spacer" />
      <button type="button" className="button primary" onClick={onQuickAdd} data-testid="risk-new" title="Quick add (n)">
        + Risk <kbd>n</kbd>
      </button>
      <button
        type="button"
        className="button"
        onClick={() => fileRef.current?.click()}
        data-testid="risk-import-button"
        title="Import a CSV from a spreadsheet, or a JSON export"
      >
        Import…
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".csv,.json,.txt,text/csv,application/json"
        hidden
        data-testid="risk-import-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onImportFile(file);
        }}
      />
      <span className="export-group" role="group" aria-label="Export the register">
        Export
        <button
          type="button"
          className="button"
          onClick={() => onExport('csv')}
          data-testid="risk-export-csv"
          title="Export the register as CSV for a spreadsheet"
        >
          CSV
        </button>
        <button
          type="button"
          className="button"
          onClick={() => onExport('json')}
          data-testid="risk-export-json"
          title="Export the register as JSON (re-imports losslessly)"
        >
          JSON
        </button>
      </span>
    </div>
  );
}
