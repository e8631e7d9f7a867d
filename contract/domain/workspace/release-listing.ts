/** A release as the release list shows it; `error` when its folder cannot be opened. */
export interface ReleaseListing {
  readonly slug: string;
  readonly name: string;
  readonly version: string;
  readonly mode: 'live' | 'rehearsal';
  readonly goLive: string;
  readonly zone: string;
  readonly error?: string;
  /** Set when this copy is a read-only replica of another War Room's release (follow.json). */
  readonly following?: { readonly source: string; readonly state: 'following' | 'forked' | 'stopped' };
}
