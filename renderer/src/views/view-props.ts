import type { ReleaseMetaState, ReleaseState } from '../../../contract/models';

/** What every view of a release receives. State is the committed state: everything in it is on disk. */
export interface ViewProps {
  readonly slug: string;
  readonly meta: ReleaseMetaState;
  readonly state: ReleaseState;
}
