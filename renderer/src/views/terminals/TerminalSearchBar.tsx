import { useEffect, useRef, useState } from 'react';
import type { ISearchOptions, SearchAddon } from '@xterm/addon-search';

/** Match colours readable on the dark terminal (the active match stands out). */
const decorations: NonNullable<ISearchOptions['decorations']> = {
  matchBackground: '#3b4a5c',
  matchOverviewRuler: '#5aa9ff',
  activeMatchBackground: '#b8860b',
  activeMatchColorOverviewRuler: '#ffd866',
};

/**
 * Find in a terminal's output and scrollback (Ctrl+Shift+F): matches highlighted as you
 * type, Enter / Shift+Enter for the next / previous one, case and regex toggles, Escape
 * to close and give the keyboard back to the terminal.
 */
export function TerminalSearchBar({ search, onClose }: { search: SearchAddon; onClose: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [term, setTerm] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [regex, setRegex] = useState(false);
  const [results, setResults] = useState<{ index: number; count: number } | null>(null);
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    input.current?.focus();
    const subscription = search.onDidChangeResults(({ resultIndex, resultCount }) => setResults({ index: resultIndex, count: resultCount }));
    return () => {
      subscription.dispose();
      search.clearDecorations();
    };
  }, [search]);

  const options = (incremental: boolean): ISearchOptions => ({ caseSensitive, regex, incremental, decorations });
  const find = (direction: 'next' | 'previous', incremental = false) => {
    if (term === '') {
      search.clearDecorations();
      setResults(null);
      return;
    }
    if (regex) {
      try {
        new RegExp(term);
      } catch {
        setInvalid(true);
        return;
      }
    }
    setInvalid(false);
    if (direction === 'next') search.findNext(term, options(incremental));
    else search.findPrevious(term, options(false));
  };

  // Search again as the term or the toggles change.
  useEffect(() => find('next', true), [term, caseSensitive, regex]);

  const summary = invalid
    ? 'invalid expression'
    : term === '' || results === null
      ? ''
      : results.count === 0
        ? 'no match'
        : results.index < 0
          ? `${results.count}+ matches`
          : `${results.index + 1} of ${results.count}`;

  return (
    <div className="terminal-search" role="search" aria-label="Find in terminal" data-testid="terminal-search">
      <input
        ref={input}
        value={term}
        aria-label="Find"
        placeholder="Find in output"
        spellCheck={false}
        onChange={(event) => setTerm(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            find(event.shiftKey ? 'previous' : 'next');
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onClose();
          }
        }}
      />
      <span className="terminal-search-count" aria-live="polite" data-testid="terminal-search-count">
        {summary}
      </span>
      <button
        type="button"
        className={`search-toggle${caseSensitive ? ' on' : ''}`}
        aria-pressed={caseSensitive}
        title="Match case"
        onClick={() => setCaseSensitive(!caseSensitive)}
      >
        Aa
      </button>
      <button type="button" className={`search-toggle${regex ? ' on' : ''}`} aria-pressed={regex} title="Regular expression" onClick={() => setRegex(!regex)}>
        .*
      </button>
      <button type="button" className="search-toggle" title="Previous match (Shift+Enter)" aria-label="Previous match" onClick={() => find('previous')}>
        ↑
      </button>
      <button type="button" className="search-toggle" title="Next match (Enter)" aria-label="Next match" onClick={() => find('next')}>
        ↓
      </button>
      <button type="button" className="search-toggle" title="Close (Escape)" aria-label="Close find" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
