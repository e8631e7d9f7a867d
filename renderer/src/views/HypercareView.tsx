import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HypercareLaneView, LaneCard } from '../../../contract/requests/hypercare-requests';
import { client } from '../client/warroom-client';
import { useGate } from '../app/role-gate';
import type { ViewProps } from './view-props';
import { VirtualLane } from './hypercare/VirtualLane';
import { IssueDetail } from './hypercare/IssueDetail';
import { IssueLogForm } from './hypercare/IssueLogForm';
import { StatusUpdates } from './hypercare/StatusUpdates';
import { HypercareSettings } from './hypercare/HypercareSettings';
import '../styles/hypercare.css';

/** Who is on duty changes at handovers: the lane is asked again this often even when nothing is logged. */
const LANE_REFRESH_MS = 60_000;
/** Cards asked for before the whole lane when the board opens: more than a tall screen holds. */
const FIRST_PAINT_CARDS = 40;
/** The clocks on the cards tick this often. */
const TICK_MS = 1_000;

/**
 * The last lane seen per release: coming back to the board shows it at once (its clocks
 * tick from when it arrived) while the fresh one is asked for.
 */
const lastLanes = new Map<string, { readonly view: HypercareLaneView; readonly receivedAt: number }>();

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
  const [lane, setLane] = useState<{ readonly view: HypercareLaneView; readonly receivedAt: number } | null>(() => lastLanes.get(slug) ?? null);
  const scroller = useRef<HTMLDivElement>(null);
  const [now, setNow] = useState(() => Date.now());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [logging, setLogging] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  // What this page's role cannot do is disabled, with a tooltip naming the role that can.
  const mayLog = useGate('hypercare.issue-log', 'log a post-release issue');
  const mayConfigure = useGate('hypercare.sla-save', 'change the SLA targets and the channels');

  const shown = useRef(lane !== null);
  const requests = useRef(0);
  /** The newest request whose whole lane is on screen. */
  const wholeFrom = useRef(0);
  const load = useCallback(() => {
    const request = ++requests.current;
    const fail = (error: unknown) => setMessage({ tone: 'error', text: error instanceof Error ? error.message : String(error) });
    const accept = (view: HypercareLaneView) => {
      // The top of a lane never replaces a whole one as new as it, and an older answer never a newer one.
      if (view.partial ? wholeFrom.current >= request : wholeFrom.current > request) return;
      if (!view.partial) wholeFrom.current = request;
      const received = { view, receivedAt: Date.now() };
      if (!view.partial) lastLanes.set(slug, received);
      shown.current = true;
      setLane(received);
    };
    // Nothing on screen yet: the top of the lane first (a screenful paints at once), then all of it.
    if (!shown.current) client.call('hypercare.lane', { slug, first: FIRST_PAINT_CARDS }).then(accept, fail);
    client.call('hypercare.lane', { slug }).then(accept, fail);
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
      if (settingsOpen || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const index = cards.findIndex((card) => card.issue.id === selectedId);
      if (event.key === 'n' && mayLog.allowed) {
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
  }, [cards, selectedId, selected, settingsOpen, mayLog.allowed]);

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
        <button
          type="button"
          className="button primary"
          onClick={() => setLogging(true)}
          disabled={!mayLog.allowed}
          data-testid="issue-log"
          title={mayLog.why ?? 'Log an issue (n)'}
        >
          Log issue <kbd>n</kbd>
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setSettingsOpen(true)}
          disabled={!mayConfigure.allowed}
          data-testid="hypercare-settings-open"
          title={mayConfigure.why ?? 'SLA targets and the channels status updates go to'}
        >
          Settings
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
      {settingsOpen ? <HypercareSettings onClose={() => setSettingsOpen(false)} /> : null}
      <div className="hypercare-body" hidden={settingsOpen}>
        <div className="hypercare-lanes" ref={scroller}>
          <h3 className="lane-title">Active lane</h3>
          {lane && lane.view.active.length === 0 ? <p className="empty">Nothing waits for triage or work.</p> : null}
          <VirtualLane
            cards={lane?.view.active ?? []}
            scroller={scroller}
            label="Active lane, ranked"
            testId="active-lane"
            className="issue-lane"
            selectedId={selectedId}
            elapsedMs={elapsed}
            onSelect={setSelectedId}
            focusable
          />
          {lane && lane.view.settledCount > 0 ? (
            <>
              <h3 className="lane-title">Mitigated and resolved</h3>
              <VirtualLane
                cards={lane.view.settled}
                scroller={scroller}
                label="Mitigated and resolved"
                testId="settled-lane"
                className="issue-lane settled"
                selectedId={selectedId}
                elapsedMs={elapsed}
                onSelect={setSelectedId}
              />
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
