/**
 * Switch the cockpit to another view from inside a view (e.g. "open the plan B playbook"
 * from a risk that occurred). A window event, so a view needs no callback prop threaded
 * through ViewContent; App.tsx listens.
 */
const SHOW_VIEW_EVENT = 'warroom:show-view';

export interface ShowViewRequest {
  readonly view: string;
  /** What the target view should bring forward, e.g. a playbook file name. */
  readonly focus?: string;
}

/** Ask the cockpit to show a view. */
export function showView(request: ShowViewRequest): void {
  window.dispatchEvent(new CustomEvent<ShowViewRequest>(SHOW_VIEW_EVENT, { detail: request }));
}

/** Hear requests to show a view (App.tsx, and a view that wants its `focus`). Returns the unsubscribe function. */
export function onShowView(listener: (request: ShowViewRequest) => void): () => void {
  const handle = (event: Event) => listener((event as CustomEvent<ShowViewRequest>).detail);
  window.addEventListener(SHOW_VIEW_EVENT, handle);
  return () => window.removeEventListener(SHOW_VIEW_EVENT, handle);
}
