import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';
import type { HypercareIssue } from '../domain/hypercare/hypercare-model';
import { issueLogSchema, issueMoveSchema, issueTriageSchema } from '../domain/hypercare/hypercare-schemas';
import type { HypercareLaneView } from '../domain/hypercare/hypercare-views';
import { slaSettingsSchema, type SlaSettings } from '../domain/hypercare/sla-settings';

export type { HypercareLaneView, LaneCard } from '../domain/hypercare/hypercare-views';
export type { HypercareIssue } from '../domain/hypercare/hypercare-model';
export type { SlaTimer } from '../domain/hypercare/hypercare-views';

const withSlug = { slug: slugSchema };

/** Hypercare: post-release issues, the triage lane and the SLA settings of the workspace. */
export const hypercareRequests = {
  /** The board: active lane ranked, settled issues, pods' bandwidth, every clock as of now. */
  'hypercare.lane': request<HypercareLaneView>()(
    z
      .object({
        ...withSlug,
        /** Only the top of each lane, for a first paint; every card when absent. */
        first: z.number().int().min(1).max(10_000).optional(),
      })
      .strict(),
  ),
  'hypercare.issue-log': request<HypercareIssue>()(issueLogSchema.extend(withSlug).strict()),
  'hypercare.issue-triage': request<HypercareIssue>()(issueTriageSchema.extend(withSlug).strict()),
  'hypercare.issue-move': request<HypercareIssue>()(issueMoveSchema.extend(withSlug).strict()),
  'hypercare.sla-get': request<SlaSettings>()(z.object({}).strict()),
  'hypercare.sla-save': request<SlaSettings>()(z.object({ settings: slaSettingsSchema }).strict()),
};
