/**
 * The shape of a workspace target library entry (targets.json), node-free so the
 * contract can hand it to the renderer.
 */
import type { Target } from '../release/release-meta';

/** A target kept in the workspace, to be added to any release; who saved it last, and when. */
export type LibraryTarget = Target & { readonly savedBy: string; readonly savedAt: string };
