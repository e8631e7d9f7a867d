import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';
import type { HypercareIssue } from '../../main/core/hypercare/hypercare-model';
import { issueLogSchema, issueMoveSchema, issueTriageSchema } from '../../main/core/hypercare/hypercare-schemas';
import type { HypercareLaneView } from '../../main/core/hypercare/lane-view';
import { slaSettingsSchema, type SlaSettings } from '../../main/core/hypercare/sla-settings';

export type { HypercareLaneView, LaneCard } from '../../main/core/hypercare/lane-view';
export type { HypercareIssue } from '../../main/core/hypercare/hypercare-model';
export type { SlaTimer } from '../../main/core/hypercare/sla-clock';

const withSlug = { slug: slugSchema };

/** Hypercare: post-release issues, the triage lane and the SLA settings of the workspace. */
export const hypercareRequests = {
  /** The board: active lane ranked, settled issues, pods' bandwidth, every clock as of now. */
  'hypercare.lane': request<HypercareLaneView>()(z.object(withSlug).strict()),
  'hypercare.issue-log': request<HypercareIssue>()(issueLogSchema.extend(withSlug).strict()),
  'hypercare.issue-triage': request<HypercareIssue>()(issueTriageSchema.extend(withSlug).strict()),
  'hypercare.issue-move': request<HypercareIssue>()(issueMoveSchema.extend(withSlug).strict()),
  'hypercare.sla-get': request<SlaSettings>()(z.object({}).strict()),
  'hypercare.sla-save': request<SlaSettings>()(z.object({ settings: slaSettingsSchema }).strict()),
};
