/**
 * The `risks` slice of a release's state and the events that change it: the vocabulary the
 * reducer (main/core/risks), the queries and the renderer share.
 */
import type { z } from 'zod';
import type { AppliedEvent, DomainEvent } from '../release/domain-event';
import type { AppliedUnion, EventUnion } from '../journal/typed-events';
import type { Risk } from './risk-model';
import type { riskEventDataSchemas } from './risk-event-schemas';

export interface RisksState {
  /** In creation order (the order of the register), deleted risks removed. */
  readonly risks: readonly Risk[];
  /** The number the next new risk gets: one past the highest ever used, so ids are never reused. */
  readonly nextNumber: number;
}

/** A journal event as the framework hands it to reducers. */
export type JournalEventLike = AppliedEvent;
export type { DomainEvent };

import { RISK_EVENT_TYPES } from './risk-event-types';
export { RISK_EVENT_TYPES };

/** One changed field, with its value before and after, typed by the field (for the history). */
export type RiskFieldChange = Data<typeof RISK_EVENT_TYPES.updated>['changes'][number];

type Data<Type extends keyof typeof riskEventDataSchemas> = z.output<(typeof riskEventDataSchemas)[Type]>;
export type RiskAddedData = Data<typeof RISK_EVENT_TYPES.added>;
export type RiskUpdatedData = Data<typeof RISK_EVENT_TYPES.updated>;
export type RiskStatusChangedData = Data<typeof RISK_EVENT_TYPES.statusChanged>;
export type RiskOccurredData = Data<typeof RISK_EVENT_TYPES.occurred>;
export type RiskDeletedData = Data<typeof RISK_EVENT_TYPES.deleted>;
export type RiskImportedData = Data<typeof RISK_EVENT_TYPES.imported>;

/** A risks event as a command produces it: narrow on `type` to get its data. */
export type RiskEvent = EventUnion<typeof riskEventDataSchemas>;
export type AppliedRiskEvent = AppliedUnion<RiskEvent>;
