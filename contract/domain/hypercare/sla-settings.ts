import { z } from 'zod';
import { ISSUE_SEVERITIES, SLA_CLOCKS, type IssueSeverity, type SlaClock } from './hypercare-model';

const minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 90);
const clockTargets = z.object({ acknowledge: minutes, mitigate: minutes, resolve: minutes }).strict();

/** SLA targets per severity and clock, in minutes, plus when to warn. A workspace setting. */
export const slaSettingsSchema = z
  .object({
    targets: z.object({ sev1: clockTargets, sev2: clockTargets, sev3: clockTargets, sev4: clockTargets }).strict(),
    /** Warn when this share of a clock's target has run (0.75: a 60-minute clock warns at 45 minutes). */
    warnAt: z.number().min(0.1).max(0.99),
  })
  .strict()
  .superRefine((settings, context) => {
    for (const severity of ISSUE_SEVERITIES) {
      const target = settings.targets[severity];
      if (target.acknowledge > target.mitigate || target.mitigate > target.resolve) {
        context.addIssue({
          code: 'custom',
          path: ['targets', severity],
          message: `${severity}: acknowledge must be at most mitigate, and mitigate at most resolve`,
        });
      }
    }
  });
export type SlaSettings = z.output<typeof slaSettingsSchema>;

/**
 * Defaults in the range most support contracts use: a sev1 is acknowledged within 15
 * minutes, mitigated within an hour and resolved within a day; each lower severity is
 * slower. Clocks run on real elapsed time, around the clock (hypercare is 24/7).
 */
export const DEFAULT_SLA_SETTINGS: SlaSettings = {
  targets: {
    sev1: { acknowledge: 15, mitigate: 60, resolve: 24 * 60 },
    sev2: { acknowledge: 30, mitigate: 4 * 60, resolve: 3 * 24 * 60 },
    sev3: { acknowledge: 4 * 60, mitigate: 24 * 60, resolve: 7 * 24 * 60 },
    sev4: { acknowledge: 24 * 60, mitigate: 5 * 24 * 60, resolve: 30 * 24 * 60 },
  },
  warnAt: 0.75,
};

export function slaTargetMinutes(settings: SlaSettings, severity: IssueSeverity, clock: SlaClock): number {
  return settings.targets[severity][clock];
}

export { SLA_CLOCKS };
