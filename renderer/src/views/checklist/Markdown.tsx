import { useMemo } from 'react';
import { Marked } from 'marked';
import DOMPurify from 'dompurify';

/** One parser for item detail: GitHub-flavoured, line breaks kept (people write detail like a note). */
const parser = new Marked({ gfm: true, breaks: true, async: false });

/**
 * Markdown detail of a checklist item, rendered and sanitised.
 *
 * Why DOMPurify after marked: detail comes from templates other teams wrote and from
 * anyone in the room; marked passes raw HTML through, so scripts, event handlers and
 * javascript: links are removed before anything reaches the DOM. Links open nowhere
 * inside the app window (navigation is denied); they are shown with their address.
 */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => {
    const raw = parser.parse(source) as string;
    return DOMPurify.sanitize(raw, {
      USE_PROFILES: { html: true },
      FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'img'],
      FORBID_ATTR: ['style'],
    });
  }, [source]);
  if (source.trim() === '') return null;
  return <div className={`markdown ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
