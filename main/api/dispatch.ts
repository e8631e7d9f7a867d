import type { z } from 'zod';
import type { ContractError, Result } from '../../contract/result';
import { isRequestName, requestDefinitions, type RequestName } from '../../contract/requests';
import { WarRoomError } from '../../contract/domain/errors';
import type { Handler } from './handler-types';
import { handlers } from './handlers';
import { authorize, checkRole } from './authorize';
import type { CallContext, Services } from './services';

/**
 * The one entry point of the contract on the main side, whatever the transport.
 *
 * It checks the request name, validates the input against its schema (the renderer is
 * untrusted), checks the caller's role allows it (authorize.ts), runs the handler, and turns every failure into a typed error result with
 * a message a person can act on. Nothing is thrown back across the boundary.
 */
export async function dispatch(services: Services, name: unknown, input: unknown, context: CallContext): Promise<Result<unknown>> {
  if (!isRequestName(name)) {
    return failure({ code: 'invalid-request', message: `Unknown request ${describe(name)}.` });
  }
  if (context.participant) {
    try {
      await checkRole(services, name, context.participant);
    } catch (error) {
      if (error instanceof WarRoomError) return failure({ code: error.code, request: name, message: error.message });
      return failure({
        code: 'internal',
        request: name,
        message: `${name}: the caller's role could not be checked: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  const schema = requestDefinitions[name].input as z.ZodType;
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    return failure({
      code: 'invalid-input',
      request: name,
      message: `${name}: ${describeIssues(parsed.error)}`,
      locations: parsed.error.issues.slice(0, MAX_ISSUE_LOCATIONS).map((issue) => ({ field: clip(issue.path.join('.')) || '(input)' })),
    });
  }
  try {
    // Roles are enforced here, for every request and every transport (contract/roles.ts).
    if (context.participant) await authorize(services, name, parsed.data, context.participant);
    const handler = handlers[name] as Handler<RequestName>;
    return { ok: true, value: await handler(parsed.data as never, services, context) };
  } catch (error) {
    if (error instanceof WarRoomError) {
      return failure({ code: error.code, request: name, message: error.message, locations: error.locations });
    }
    console.error(`warroom: ${name} failed`, error);
    return failure({ code: 'internal', request: name, message: `${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function failure(error: ContractError): Result<never> {
  return { ok: false, error };
}

/** An error names at most this many fields: a payload with 10,000 bad fields is not echoed back. */
const MAX_ISSUE_LOCATIONS = 20;
/** Longest quoted path or issue message: zod lists every unrecognized key, which a hostile payload makes huge. */
const MAX_ISSUE_TEXT = 200;

function clip(text: string): string {
  return text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT)}…` : text;
}

/** "'definition.goLive' must be ..." for the first few issues, in one line. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length > 0 ? `'${clip(issue.path.join('.'))}' ` : '';
    return `${path}${clip(issue.message)}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return parts.join('; ') + more;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 80));
  return typeof value;
}
