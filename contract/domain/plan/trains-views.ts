/**
 * Several releases at once (trains): every release's window on one time axis, what each
 * starts after, and the conflicts between them, as the plan view and the go/no-go see them.
 */

/** Why a release counts as verified or not, in words ("GO decided; 3 of 30 checklist items open"). */
export interface ReleaseVerification {
  readonly verified: boolean;
  readonly why: string;
}

/** A conflict of one release with the others or the calendar, as its schedule findings name it. */
export interface TrainConflict {
  readonly rule: string;
  readonly message: string;
  readonly start: string;
  readonly end: string;
  /** True when it holds a GO (blocking and not overridden). */
  readonly blocking: boolean;
}

export interface TrainRelease {
  readonly slug: string;
  readonly name: string;
  readonly version: string;
  readonly mode: string;
  readonly zone: string;
  /** The resolved window (UTC instants), or null when it does not resolve. */
  readonly window: { readonly start: string; readonly end: string } | null;
  /** Where the plan's forecast ends (null without a plan). */
  readonly forecastFinish: string | null;
  readonly targets: readonly string[];
  /** The releases this one starts after, with their state. */
  readonly after: readonly { readonly slug: string; readonly name: string; readonly verified: boolean; readonly why: string }[];
  readonly verification: ReleaseVerification;
  readonly conflicts: readonly TrainConflict[];
}

export interface ReleaseTrains {
  readonly releases: readonly TrainRelease[];
  readonly computedAt: string;
}
