/**
 * Stable, unique step ids derived from names ("Restart the service" -> restart-the-service).
 *
 * Why: ETAs compare durations of the same step across rehearsals, and journal entries name
 * the step; an id that survives re-ordering is better than an index.
 */
const limits = {
  /** Ids appear in journals and logs; longer adds nothing. */
  maxLength: 48,
} as const;

/** Slug of `name`, made unique against `taken` (which it updates). */
export function uniqueStepId(name: string, index: number, taken: Set<string>): string {
  const slug =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, limits.maxLength)
      .replace(/-+$/g, '') || `step-${index + 1}`;
  let id = slug;
  for (let suffix = 2; taken.has(id); suffix += 1) id = `${slug}-${suffix}`;
  taken.add(id);
  return id;
}
