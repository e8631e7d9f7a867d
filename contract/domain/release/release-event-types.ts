/** The journal event types of the release (meta, targets, notes, repairs) area, apart from their schemas: the renderer names them without carrying zod. */
export const RELEASE_EVENTS = {
  created: 'release.created',
  updated: 'release.updated',
  targetSaved: 'target.saved',
  noteAdded: 'note.added',
  journalRepaired: 'journal.repaired',
} as const;
