import { WarRoomError } from '../../../contract/domain/errors';
import type { RedactionOptions, RedactionPattern } from './redaction-patterns';
export type { RedactionSettings } from '../../../contract/domain/redaction/redaction-settings';
export { redactionSettingsSchema } from '../../../contract/domain/redaction/redaction-settings';
import type { RedactionSettings } from '../../../contract/domain/redaction/redaction-settings';
import { redactionSettingsSchema } from '../../../contract/domain/redaction/redaction-settings';

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
