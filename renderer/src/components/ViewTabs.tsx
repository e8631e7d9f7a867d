import { useRef } from 'react';
import { VIEWS, type ViewId } from '../app/views';

/** The view tabs: a WAI-ARIA tablist (arrow keys move, Home/End jump), plus Alt+1..8 from anywhere. */
export function ViewTabs({ current, onChange }: { current: ViewId; onChange: (view: ViewId) => void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (index: number) => {
    const wrapped = (index + VIEWS.length) % VIEWS.length;
    onChange(VIEWS[wrapped]!.id);
    refs.current[wrapped]?.focus();
  };
  const currentIndex = VIEWS.findIndex((view) => view.id === current);
  return (
    <div
      className="tabs"
      role="tablist"
      aria-label="Views"
      onKeyDown={(event) => {
        if (event.key === 'ArrowRight') move(currentIndex + 1);
        else if (event.key === 'ArrowLeft') move(currentIndex - 1);
        else if (event.key === 'Home') move(0);
        else if (event.key === 'End') move(VIEWS.length - 1);
        else return;
        event.preventDefault();
      }}
    >
      {VIEWS.map((view, index) => (
        <button
          key={view.id}
          ref={(element) => {
            refs.current[index] = element;
          }}
          type="button"
          role="tab"
          id={`tab-${view.id}`}
          aria-selected={view.id === current}
          aria-controls={`panel-${view.id}`}
          tabIndex={view.id === current ? 0 : -1}
          className={`tab ${view.id === current ? 'active' : ''}`}
          onClick={() => onChange(view.id)}
          data-testid={`tab-${view.id}`}
        >
          {view.label}
          <kbd>Alt+{index + 1}</kbd>
        </button>
      ))}
    </div>
  );
}
