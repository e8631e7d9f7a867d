/** How reading a metric source failed: unreachable (gates go inconclusive), rejected (the query is wrong), invalid-response. */
export type SourceFailure = 'unreachable' | 'rejected' | 'invalid-response';

export class SourceError extends Error {
  readonly failure: SourceFailure;
  constructor(failure: SourceFailure, message: string) {
    super(message);
    this.name = 'SourceError';
    this.failure = failure;
  }
}
