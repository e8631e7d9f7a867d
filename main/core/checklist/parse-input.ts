import type { z } from 'zod';
import { WarRoomError } from '../../../contract/domain/errors';

/**
 * Validate command input with its schema and turn zod's issues into one WarRoomError.
 *
 * Why again in the command: the contract validates requests too, but commands are also
 * called by the CLI, by templates and by tests; one check at the door of the domain
 * keeps every path honest. The message names each field ("title: must not be empty").
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return { field, text: field === '' ? issue.message : `${field}: ${issue.message}` };
  });
  return failWith(what, problems);
}

function failWith(what: string, problems: readonly { field: string; text: string }[]): never {
  throw new WarRoomError(
    'invalid-input',
    `${what}: ${problems.map((problem) => problem.text).join('; ')}`,
    problems.map((problem) => (problem.field === '' ? {} : { field: problem.field })),
  );
}

/** A lowercase dash-joined id from a title ("Rollback plan rehearsed!" -> "rollback-plan-rehearsed"), unique among `taken`. */
export function uniqueSlug(title: string, taken: ReadonlySet<string>, fallback: string): string {
  const base =
    title
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/g, '') || fallback;
  if (!taken.has(base)) return base;
  for (let counter = 2; ; counter += 1) {
    const candidate = `${base}-${counter}`;
    if (!taken.has(candidate)) return candidate;
  }
}
