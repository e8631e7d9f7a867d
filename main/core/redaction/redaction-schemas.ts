import { z } from 'zod';
import { WarRoomError } from '../../../contract/domain/errors';
import type { RedactionOptions, RedactionPattern } from './redaction-patterns';
import { RedactionLimits } from './redaction-patterns';

/**
 * The redaction settings of a release as they cross the contract (from the redaction
 * review, or stored in release.json): literals, and patterns as regex source text.
 */
export const redactionSettingsSchema = z.object({
  literals: z
    .array(z.string().min(RedactionLimits.MinLiteralLength, `a literal must have at least ${RedactionLimits.MinLiteralLength} characters`).max(4096))
    .max(1000)
    .default([]),
  patterns: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a pattern name is lowercase words joined by dashes, like "customer-id"'),
        source: z.string().min(1).max(2000),
        caseInsensitive: z.boolean().default(false),
      }),
    )
    .max(100)
    .default([]),
});

export type RedactionSettings = z.input<typeof redactionSettingsSchema>;

/**
 * Turn stored or submitted settings into redactor options.
 *
 * A pattern that is not a valid regular expression, or that matches the empty string
 * (it would mask nothing and loop), is refused with its name, so the operator can fix
 * it in the review before anything is exported.
 */
export function compileRedactionSettings(settings: RedactionSettings): RedactionOptions {
  const parsed = redactionSettingsSchema.parse(settings);
  const patterns: RedactionPattern[] = parsed.patterns.map((pattern, index) => {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern.source, pattern.caseInsensitive ? 'gi' : 'g');
    } catch (error) {
      throw new WarRoomError('invalid-input', `Redaction pattern '${pattern.name}' is not a valid regular expression: ${(error as Error).message}`, [
        { field: `patterns.${index}.source` },
      ]);
    }
    if (regex.test('')) {
      throw new WarRoomError('invalid-input', `Redaction pattern '${pattern.name}' matches empty text; make it match at least one character.`, [
        { field: `patterns.${index}.source` },
      ]);
    }
    return { name: pattern.name, regex };
  });
  return { literals: parsed.literals, patterns };
}
