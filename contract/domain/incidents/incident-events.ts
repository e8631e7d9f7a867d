/** The incidents area's journal events: one zod data schema per type, their union, and the parser the reducer reads through. */
import { z } from 'zod';
import { ACTION_ITEM_STATUSES, INCIDENT_EVENTS, INCIDENT_SEVERITIES, INCIDENT_STATUSES } from './incident-model';
import { eventParser, type AppliedUnion, type EventUnion } from '../journal/typed-events';

const incidentChangesSchema = z
  .object({
    title: z.string().optional(),
    severity: z.enum(INCIDENT_SEVERITIES).optional(),
    owner: z.string().optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    summary: z.string().optional(),
  })
  .readonly();

const riskLinkSchema = z.object({ id: z.string(), plan: z.string(), playbook: z.string().nullable(), step: z.string().nullable() }).readonly();

export const incidentEventDataSchemas = {
  [INCIDENT_EVENTS.opened]: z
    .object({
      id: z.string(),
      title: z.string(),
      severity: z.enum(INCIDENT_SEVERITIES),
      owner: z.string(),
      summary: z.string(),
      startedAt: z.string(),
      /** Set when the incident was opened by a risk marked occurred. */
      risk: riskLinkSchema.nullable().optional(),
    })
    .readonly(),
  [INCIDENT_EVENTS.updated]: z
    .object({
      id: z.string(),
      after: incidentChangesSchema,
      /** The same fields before the change, for the timeline. */
      before: incidentChangesSchema.optional(),
    })
    .readonly(),
  [INCIDENT_EVENTS.actionAdded]: z.object({ id: z.string(), text: z.string(), owner: z.string(), incidentId: z.string().nullable() }).readonly(),
  [INCIDENT_EVENTS.actionUpdated]: z.object({ id: z.string(), status: z.enum(ACTION_ITEM_STATUSES) }).readonly(),
} as const;

/** An incidents event as a command produces it: narrow on `type` to get its data. */
export type IncidentEvent = EventUnion<typeof incidentEventDataSchemas>;
export type AppliedIncidentEvent = AppliedUnion<IncidentEvent>;

/** The typed incidents event of a journal event: null for another area's or an unknown type; throws (corrupt) when the data does not fit. */
export const parseIncidentEvent = eventParser(incidentEventDataSchemas);
