import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HypercareLaneView, LaneCard } from '../../../contract/requests/hypercare-requests';
import { client } from '../client/warroom-client';
import type { ViewProps } from './view-props';
import { IssueCard } from './hypercare/IssueCard';
import { IssueDetail } from './hypercare/IssueDetail';
import { IssueLogForm } from './hypercare/IssueLogForm';
import { StatusUpdates } from './hypercare/StatusUpdates';
import '../styles/hypercare.css';

/** Who is on duty changes at handovers: the lane is asked again this often even when nothing is logged. */
const LANE_REFRESH_MS = 60_000;
/** The clocks on the cards tick this often. */
const TICK_MS = 1_000;

/** True when a key press is typing into something, so single-key shortcuts stay out of the way. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The hypercare board: one lane of post-release issues ranked by impact x urgency and by
 * the bandwidth of the pod on duty, with a point of contact and three SLA clocks each.
 * Its goal is in the header: nothing left in the active lane.
 *
 * Keys: n logs an issue; j/k or the arrows move through the lane; Enter goes to the
 * selected issue's point of contact.
 */
export function HypercareView({ slug, state }: ViewProps) {
  const [lane, setLane] = useState<{ view: HypercareLaneView; receivedAt: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [logging, setLogging] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  const load = useCallback(() => {
    client.call('hypercare.lane', { slug }).then(
      (view) => setLane({ view, receivedAt: Date.now() }),
      (error: unknown) => setMessage({ tone: 'error', text: error instanceof Error ? error.message : String(error) }),
    );
  }, [slug]);
  // Every change of the slice (ours or another participant's) and of the pods re-ranks the lane.
  useEffect(load, [load, state.hypercare, state.schedule.pods]);
  useEffect(() => {
    const refresh = setInterval(load, LANE_REFRESH_MS);
    const tick = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => {
      clearInterval(refresh);
      clearInterval(tick);
    };
  }, [load]);

  const cards: readonly LaneCard[] = useMemo(() => (lane ? [...lane.view.active, ...lane.view.settled] : []), [lane]);
  const selected = cards.find((card) => card.issue.id === selectedId) ?? null;
  const pods = state.schedule.pods.map((pod) => pod.name);
  const elapsed = lane ? now - lane.receivedAt : 0;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const index = cards.findIndex((card) => card.issue.id === selectedId);
      if (event.key === 'n') {
        event.preventDefault();
        setLogging(true);
      } else if ((event.key === 'j' || event.key === 'ArrowDown') && cards.length > 0) {
        event.preventDefault();
        setSelectedId(cards[Math.min(cards.length - 1, index + 1)]!.issue.id);
      } else if ((event.key === 'k' || event.key === 'ArrowUp') && cards.length > 0) {
        event.preventDefault();
        setSelectedId(cards[Math.max(0, index - 1)]!.issue.id);
      } else if (event.key === 'Enter' && selected) {
        event.preventDefault();
        document.querySelector<HTMLInputElement>('[data-testid="issue-contact"]')?.focus();
      } else if (event.key === 'Escape') {
        setSelectedId(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cards, selectedId, selected]);

  useEffect(() => {
    if (selectedId) document.getElementById(`issue-${selectedId}`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const active = lane?.view.activeCount ?? 0;
  return (
    <section className="view hypercare-view" aria-label="Hypercare">
      <header className="hypercare-header">
        <h2 className="view-title" data-testid="hypercare-active-count" aria-live="polite">
          {lane === null ? 'Hypercare' : active === 0 ? 'Nothing in the active lane' : `${active} in the active lane`}
        </h2>
        <ul className="pod-duty" aria-label="Pods">
          {lane?.view.pods.map((pod) => (
            <li key={pod.pod} className={pod.onDuty ? 'on' : 'off'}>
              {pod.pod}: {pod.onDuty ? 'on duty' : 'off duty'}, holds {pod.holds}
            </li>
          ))}
          {lane && lane.view.pods.length === 0 ? <li className="off">No pods in the schedule: set them in the Calendar to rank by bandwidth.</li> : null}
        </ul>
        <button type="button" className="button primary" onClick={() => setLogging(true)} data-testid="issue-log" title="Log an issue (n)">
          Log issue <kbd>n</kbd>
        </button>
      </header>
      {message ? (
        <p className={`hypercare-message ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
      {logging ? (
        <IssueLogForm
          slug={slug}
          pods={pods}
          onDone={(text) => {
            setLogging(false);
            if (text) setMessage({ tone: 'ok', text });
          }}
        />
      ) : null}
      <div className="hypercare-body">
        <div className="hypercare-lanes">
          <h3 className="lane-title">Active lane</h3>
          {lane && lane.view.active.length === 0 ? <p className="empty">Nothing waits for triage or work.</p> : null}
          <ul
            className="issue-lane"
            role="listbox"
            aria-label="Active lane, ranked"
            tabIndex={0}
            aria-activedescendant={selectedId ? `issue-${selectedId}` : undefined}
            data-testid="active-lane"
          >
            {lane?.view.active.map((card) => (
              <IssueCard
                key={card.issue.id}
                card={card}
                selected={card.issue.id === selectedId}
                elapsedMs={elapsed}
                onSelect={() => setSelectedId(card.issue.id)}
              />
            ))}
          </ul>
          {lane && lane.view.settled.length > 0 ? (
            <>
              <h3 className="lane-title">Mitigated and resolved</h3>
              <ul className="issue-lane settled" role="listbox" aria-label="Mitigated and resolved" data-testid="settled-lane">
                {lane.view.settled.map((card) => (
                  <IssueCard
                    key={card.issue.id}
                    card={card}
                    selected={card.issue.id === selectedId}
                    elapsedMs={elapsed}
                    onSelect={() => setSelectedId(card.issue.id)}
                  />
                ))}
              </ul>
            </>
          ) : null}
        </div>
        <div className="hypercare-side">
          {selected ? (
            <IssueDetail slug={slug} card={selected} pods={pods} onMessage={(tone, text) => setMessage({ tone, text })} />
          ) : (
            <aside className="issue-detail empty">
              Select an issue (<kbd>j</kbd>/<kbd>k</kbd>) to assign its point of contact, choose a remedy and move it.
            </aside>
          )}
          <StatusUpdates slug={slug} state={state} />
        </div>
      </div>
    </section>
  );
}
