/**
 * The data of an analysis (spec, measurements, verdicts): plain types with no Node
 * imports, so that the contract and the renderer can name them.
 */
export interface AnalysisSpec {
  readonly query: string;
  /** Compared against: the stable version's value of the same metric, readable as `baseline`. */
  readonly baseline: string | undefined;
  readonly successCondition: string | undefined;
  readonly failureCondition: string | undefined;
  readonly intervalMs: number;
  readonly count: number;
  readonly failureLimit: number;
  readonly inconclusiveLimit: number;
  readonly consecutiveErrorLimit: number;
  readonly initialDelayMs: number;
}

export type MeasurementPhase = 'successful' | 'failed' | 'inconclusive' | 'error';
export type AnalysisVerdict = 'successful' | 'failed' | 'inconclusive';

/** One measurement, as journaled: the evidence for the post-mortem. */
export interface Measurement {
  /** 1-based, over the attempt. */
  readonly index: number;
  readonly at: string;
  /** The query as sent (variables filled in). */
  readonly query: string;
  readonly baselineQuery?: string | undefined;
  readonly source: string;
  readonly values: readonly number[];
  readonly baselineValues?: readonly number[] | undefined;
  readonly phase: MeasurementPhase;
  /** Why (the error, or which condition decided). */
  readonly message: string;
  /** Where the chart draws the line: the success (else failure) condition's threshold for these values. */
  readonly threshold?: number;
  /** The source rejected the query: no point in measuring again. */
  readonly rejected?: boolean;
}

export const AnalysisDefaults = {
  count: 1,
  intervalMs: 60_000,
  failureLimit: 0,
  inconclusiveLimit: 0,
  /** Argo's default: five errors in a row end the analysis. */
  consecutiveErrorLimit: 4,
  initialDelayMs: 0,
} as const;
