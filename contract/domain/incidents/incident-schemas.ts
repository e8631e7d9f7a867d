import { z } from 'zod';
import { ACTION_ITEM_STATUSES, INCIDENT_SEVERITIES, INCIDENT_STATUSES } from './incident-model';

const text = (max: number) => z.string().trim().max(max);

/** A new incident as the quick-add dialog or the Timeline submits it. */
export const incidentOpenSchema = z
  .object({
    title: text(300).min(1, 'must not be empty'),
    severity: z.enum(INCIDENT_SEVERITIES),
    owner: text(120).min(1, 'an incident needs an owner'),
    summary: text(20_000).default(''),
    /** When it started; defaults to now. */
    startedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type IncidentOpenInput = z.output<typeof incidentOpenSchema>;

/** A change to an incident: any of its fields, at least one. */
export const incidentUpdateSchema = z
  .object({
    id: z.string().regex(/^INC-\d+$/, 'must be an incident id like INC-3'),
    title: text(300).min(1).optional(),
    severity: z.enum(INCIDENT_SEVERITIES).optional(),
    owner: text(120).min(1).optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    summary: text(20_000).optional(),
  })
  .strict();
export type IncidentUpdateInput = z.output<typeof incidentUpdateSchema>;

export const actionItemAddSchema = z
  .object({
    text: text(2000).min(1, 'must not be empty'),
    owner: text(120).default(''),
    incidentId: z
      .string()
      .regex(/^INC-\d+$/)
      .nullable()
      .default(null),
  })
  .strict();
export type ActionItemAddInput = z.output<typeof actionItemAddSchema>;

export const actionItemUpdateSchema = z
  .object({ id: z.string().regex(/^AI-\d+$/, 'must be an action item id like AI-2'), status: z.enum(ACTION_ITEM_STATUSES) })
  .strict();
export type ActionItemUpdateInput = z.output<typeof actionItemUpdateSchema>;
