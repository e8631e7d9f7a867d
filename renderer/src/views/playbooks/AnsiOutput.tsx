import { useEffect, useRef, type CSSProperties } from 'react';
import type { AnsiDocument, AnsiStyle } from '../../format/ansi';

function styleOf(style: AnsiStyle): CSSProperties | undefined {
  if (!style.fg && !style.bg && !style.bold && !style.dim && !style.italic && !style.underline && !style.inverse) return undefined;
  const fg = style.inverse ? (style.bg ?? 'var(--term-bg)') : style.fg;
  const bg = style.inverse ? (style.fg ?? 'var(--term-fg)') : style.bg;
  return {
    color: fg,
    backgroundColor: bg,
    fontWeight: style.bold ? 700 : undefined,
    opacity: style.dim ? 0.7 : undefined,
    fontStyle: style.italic ? 'italic' : undefined,
    textDecoration: style.underline ? 'underline' : undefined,
  };
}

/** The runner's own lines (step banners, failures, manual notes) stand out from command output. */
function lineClass(start: string): string {
  if (start.startsWith('=== step ')) return 'line-banner';
  if (start.startsWith('[warroom] step failed')) return 'line-failed';
  if (/^\[(warroom|manual|approval|dry run)\]/.test(start)) return 'line-runner';
  return '';
}

/**
 * The raw output of a run, colours intact, read-only. Follows the end while the reader
 * is at the bottom; stays put when they scrolled up to read.
 */
export function AnsiOutput({ document, version, truncated, label }: { document: AnsiDocument; version: number; truncated: boolean; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  useEffect(() => {
    const element = ref.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [version]);
  return (
    <div
      ref={ref}
      className="run-output"
      role="log"
      aria-label={label}
      tabIndex={0}
      data-testid="run-output"
      onScroll={(event) => {
        const element = event.currentTarget;
        following.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
      }}
    >
      {truncated ? <div className="run-output-note">(earlier output is in the run's log file)</div> : null}
      {document.content.map((line, lineIndex) => (
        <div className={`run-output-line ${lineClass(line[0]?.text ?? '')}`} key={lineIndex}>
          {line.length === 0
            ? '\u00a0'
            : line.map((span, spanIndex) => (
                <span key={spanIndex} style={styleOf(span.style)}>
                  {span.text}
                </span>
              ))}
        </div>
      ))}
    </div>
  );
}
