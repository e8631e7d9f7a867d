import { useState } from 'react';
import type { ViewProps } from './view-props';
import { ChecklistPanel } from './checklist/ChecklistPanel';
import { GoNoGoPanel } from './checklist/GoNoGoPanel';
import { TemplateButtons } from './checklist/TemplateButtons';
import { useDueTimes } from './checklist/use-due-times';
import '../styles/checklist.css';

type SubTab = 'items' | 'go-no-go';

/** The checklist of the release and, in a sub-tab, its go/no-go poll. */
export function ChecklistView(props: ViewProps) {
  const [tab, setTab] = useState<SubTab>('items');
  const [error, setError] = useState<string | null>(null);
  const { dueTimes, error: dueError } = useDueTimes(props.slug, props.meta, props.state.checklist);
  const poll = props.state.poll;
  const pollLabel =
    poll.status === 'decided'
      ? `Decided: ${poll.decision?.outcome ?? ''}`
      : poll.status === 'open'
        ? `${Object.keys(poll.votes).length}/${poll.participants.length} voted`
        : 'no poll';
  const tabs: { id: SubTab; label: string; note: string }[] = [
    { id: 'items', label: 'Checklist', note: `${Object.keys(props.state.checklist.items).length} items` },
    { id: 'go-no-go', label: 'Go/No-Go', note: pollLabel },
  ];
  return (
    <section className="view checklist-view" aria-label="Checklist">
      <div className="subtabs">
        <div className="subtabs-list" role="tablist" aria-label="Checklist sections">
          {tabs.map((entry) => (
            <button
              key={entry.id}
              type="button"
              role="tab"
              data-testid={`subtab-${entry.id}`}
              aria-selected={tab === entry.id}
              className={`subtab ${tab === entry.id ? 'active' : ''}`}
              onClick={() => setTab(entry.id)}
              onKeyDown={(event) => {
                if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
                  event.preventDefault();
                  setTab(tab === 'items' ? 'go-no-go' : 'items');
                }
              }}
            >
              {entry.label} <span className="subtab-note">{entry.note}</span>
            </button>
          ))}
        </div>
        <span className="toolbar-spacer" />
        {tab === 'items' ? <TemplateButtons slug={props.slug} onError={setError} /> : null}
      </div>
      {error || dueError ? (
        <div className="banner error inline" role="alert" data-testid="checklist-error">
          {error ?? dueError}
          <button type="button" className="banner-close" aria-label="Dismiss" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      ) : null}
      {tab === 'items' ? <ChecklistPanel {...props} dueTimes={dueTimes} onError={setError} /> : <GoNoGoPanel {...props} onError={setError} />}
    </section>
  );
}
