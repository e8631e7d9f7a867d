/** The zod schemas of the report events, for main to read journal lines through (zod stays out of the renderer's bundle). */
import { z } from 'zod';
import { eventParser } from '../journal/typed-events';
import { REPORT_EVENTS } from './report-event-types';

const patternSchema = z.object({ name: z.string(), source: z.string(), caseInsensitive: z.boolean().default(false) }).readonly();

/** The data of each report event, as journaled: the one description of its shape. */
export const reportEventDataSchemas = {
  [REPORT_EVENTS.redactionSaved]: z
    .object({
      /** Journals written before the literals file hold literals here in clear; new ones write []. */
      literals: z.array(z.string()).readonly().default([]),
      patterns: z.array(patternSchema).readonly().default([]),
    })
    .readonly(),
  [REPORT_EVENTS.literalAdded]: z.object({ sha256: z.string(), length: z.number().int().nonnegative() }).readonly(),
  [REPORT_EVENTS.findingAllowed]: z.object({ fingerprint: z.string(), reason: z.string() }).readonly(),
  [REPORT_EVENTS.exported]: z.object({ format: z.string(), file: z.string(), sha256: z.string() }).readonly(),
} as const;

/** The typed report event of a journal event: null for another area's or an unknown type; throws (corrupt) when the data does not fit. */
export const parseReportEvent = eventParser(reportEventDataSchemas);
