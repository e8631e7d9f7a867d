/**
 * The zod schema of a YAML playbook file, with messages that name the rule broken.
 *
 * Why strict objects and one optional key per step kind (instead of a discriminated
 * union): a typo such as `timout:` must be reported as an unknown key at its own line,
 * and a union's "no option matched" message tells a release manager nothing.
 */
import { z } from 'zod';
import { ConditionError } from '../telemetry/conditions';
import { compileConditions } from '../telemetry/analysis';
import { parseDuration } from './duration';

/** Names that must never become object keys or environment variables of ours. */
export const reservedNames = ['__proto__', 'constructor', 'prototype'] as const;

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must be a variable name like TARGET_VERSION (letters, digits, underscore)' })
  .refine((name) => !(reservedNames as readonly string[]).includes(name), { message: 'is a reserved name' });

const duration = z.string({ message: 'must be a duration like 30s, 5m or 1h' }).refine((text) => parseDuration(text) !== undefined, {
  message: 'must be a duration like 30s, 5m or 1h',
});

const exitCodes = z
  .array(
    z
      .int({ message: 'must be an exit code (0-255)' })
      .min(0, { message: 'must be an exit code (0-255)' })
      .max(255, { message: 'must be an exit code (0-255)' }),
  )
  .min(1, { message: 'must list at least one exit code' });

const scalarValue = z.union([z.string(), z.number(), z.boolean()], { message: 'must be a text, number or true/false' }).transform(String);

const envMap = z.record(envName, scalarValue, { message: 'must be a mapping of NAME: value' });

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be a valid regular expression' },
);

const checkSchema = z
  .strictObject(
    {
      command: z.string().min(1, { message: 'must not be empty' }).optional(),
      http: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// address' }).optional(),
      retries: z.int({ message: 'must be a whole number of retries' }).min(0).max(1000).optional(),
      interval: duration.optional(),
      timeout: duration.optional(),
      exit_codes: exitCodes.optional(),
      status: z.array(z.int().min(100).max(599), { message: 'must list HTTP status codes like [200, 204]' }).min(1).optional(),
      output: regexSource.optional(),
    },
    { message: 'must be a mapping with command or http' },
  )
  .superRefine((check, context) => {
    const count = Number(check.command !== undefined) + Number(check.http !== undefined);
    if (count !== 1) context.addIssue({ code: 'custom', message: 'needs exactly one of command or http', path: [] });
  });

const approvalSchema = z.strictObject(
  {
    roles: z.array(z.string().min(1), { message: 'must list the roles that approve' }).min(1, { message: 'must list at least one role' }),
    /** Four-eyes: distinct people (never the one who started the run) who must approve for each role. */
    approvers: z
      .int({ message: 'must be a whole number of approvers' })
      .min(1, { message: 'must be at least 1' })
      .max(9, { message: 'must be at most 9' })
      .optional(),
  },
  { message: 'must be a mapping with roles (and approvers)' },
);

const promptSchema = z.strictObject(
  {
    variable: envName,
    question: z.string().min(1).optional(),
    default: scalarValue.optional(),
    secret: z.boolean().optional(),
  },
  { message: 'must be a mapping with variable (and question, default, secret)' },
);

const count = (what: string) =>
  z
    .int({ message: `must be a whole number of ${what}` })
    .min(0, { message: `must be a whole number of ${what}` })
    .max(10_000, { message: `must be at most 10000` });

/**
 * A metric gate, with Argo Rollouts' AnalysisTemplate keys (camelCase as Argo writes them,
 * so a template's metric can be pasted): query, successCondition, failureCondition,
 * interval, count, failureLimit, inconclusiveLimit, consecutiveErrorLimit, initialDelay.
 */
const analysisSchema = z
  .strictObject(
    {
      source: z.string({ message: 'must be sandbox or a Prometheus address like http://127.0.0.1:9090 (variables allowed)' }).min(1),
      query: z.string({ message: 'must be the query (PromQL, or a selector for the sandbox)' }).min(1, { message: 'must not be empty' }),
      baseline: z.string().min(1, { message: 'must not be empty' }).optional(),
      successCondition: z.string().min(1, { message: 'must not be empty' }).optional(),
      failureCondition: z.string().min(1, { message: 'must not be empty' }).optional(),
      interval: duration.optional(),
      count: count('measurements').min(1, { message: 'must be at least 1' }).optional(),
      failureLimit: count('failed measurements').optional(),
      inconclusiveLimit: count('inconclusive measurements').optional(),
      consecutiveErrorLimit: count('errors').optional(),
      initialDelay: duration.optional(),
      timeout: duration.optional(),
      auth: z
        .union([z.strictObject({ bearer: envName }), z.strictObject({ username: envName, password: envName })], {
          message: 'must be {bearer: VARIABLE} or {username: VARIABLE, password: VARIABLE} (names of secret variables)',
        })
        .optional(),
      ca_file: z.string().min(1).optional(),
    },
    { message: 'must be a mapping with source and query' },
  )
  .superRefine((analysis, context) => {
    try {
      compileConditions(analysis);
    } catch (error) {
      if (!(error instanceof ConditionError)) throw error;
      const key = error.message.startsWith('failureCondition') ? 'failureCondition' : 'successCondition';
      context.addIssue({
        code: 'custom',
        path: [key],
        message: `does not parse${error.column === undefined ? '' : ` at column ${error.column} of the condition`}: ${error.message.replace(/^\w+: /, '')}`,
        params: { conditionColumn: error.column },
      });
    }
  });

/** on/off as a person writes it in YAML (`off` is text in YAML 1.2; true/false are booleans). */
const flagState = z
  .union([z.boolean(), z.enum(['on', 'off', 'true', 'false', 'enabled', 'disabled'])], { message: 'must be on or off' })
  .transform((value) => value === true || value === 'on' || value === 'true' || value === 'enabled');

/**
 * A flag flip: `name` and `set`, and either `service` (sandbox or the flag's http(s)
 * address, variables allowed) or `command` (with `read`, a command printing the state).
 */
const flagSchema = z
  .strictObject(
    {
      name: z
        .string({ message: 'must be the flag name' })
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, { message: 'must be a flag name (letters, digits, . : - _)' }),
      set: flagState,
      service: z
        .string()
        .regex(/^(sandbox|https?:\/\/\S+|\$\{[A-Za-z_][A-Za-z0-9_]*\}\S*)$/, {
          message: "must be sandbox or the flag's http(s) address (variables like ${FLAGS_URL} allowed)",
        })
        .optional(),
      command: z.string().min(1, { message: 'must not be empty' }).optional(),
      read: z.string().min(1, { message: 'must not be empty' }).optional(),
      auth: z.strictObject({ bearer: envName }, { message: 'must be {bearer: VARIABLE} (the name of a secret variable)' }).optional(),
    },
    { message: 'must be a mapping with name, set and service (or command)' },
  )
  .superRefine((flag, context) => {
    const count = Number(flag.service !== undefined) + Number(flag.command !== undefined);
    if (count !== 1) context.addIssue({ code: 'custom', message: 'needs exactly one of service or command', path: [] });
    if (flag.read !== undefined && flag.command === undefined)
      context.addIssue({ code: 'custom', message: 'only applies with command (a service is read over HTTP)', path: ['read'] });
    if (flag.auth !== undefined && flag.service === undefined)
      context.addIssue({ code: 'custom', message: 'only applies with service (a command authenticates itself)', path: ['auth'] });
  });

/** Keys that choose a step's kind: exactly one per step. */
export const stepKindKeys = ['run', 'check', 'manual', 'approval', 'wait', 'prompt', 'analysis', 'flag'] as const;

const stepSchema = z
  .strictObject(
    {
      id: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { message: 'must be letters, digits, - or _' })
        .optional(),
      name: z.string().min(1, { message: 'must not be empty' }).optional(),
      instructions: z.string().optional(),
      target: z.string().min(1).optional(),
      on_failure: z.enum(['ask', 'abort', 'continue', 'rollback'], { message: 'must be ask, abort, continue or rollback' }).optional(),
      when: z.enum(['always', 'rollback'], { message: 'must be always or rollback (runs only when a failed gate rolls the run back)' }).optional(),
      failure_hint: z.string().optional(),
      timeout: duration.optional(),
      exit_codes: exitCodes.optional(),
      env: envMap.optional(),
      cwd: z.string().min(1).optional(),
      run: z.string({ message: 'must be the command to run' }).min(1, { message: 'must not be empty' }).optional(),
      check: checkSchema.optional(),
      manual: z.string({ message: 'must be the instructions for the operator' }).min(1, { message: 'must not be empty' }).optional(),
      approval: approvalSchema.optional(),
      wait: duration.optional(),
      prompt: promptSchema.optional(),
      analysis: analysisSchema.optional(),
      flag: flagSchema.optional(),
    },
    { message: 'must be a mapping (a step)' },
  )
  .superRefine((step, context) => {
    const kinds = stepKindKeys.filter((key) => step[key] !== undefined);
    if (kinds.length !== 1) {
      context.addIssue({
        code: 'custom',
        path: [],
        message: kinds.length === 0 ? `needs one of ${stepKindKeys.join(', ')}` : `has ${kinds.join(' and ')}; a step has exactly one kind`,
      });
    }
    const commandOnly = ['timeout', 'exit_codes', 'env', 'cwd'] as const;
    if (kinds.length === 1 && kinds[0] !== 'run' && kinds[0] !== 'check' && kinds[0] !== 'analysis' && kinds[0] !== 'flag') {
      for (const key of commandOnly) {
        if (step[key] !== undefined) context.addIssue({ code: 'custom', path: [key], message: `only applies to run and check steps` });
      }
    }
    if (kinds[0] === 'flag') {
      if (step.exit_codes !== undefined) context.addIssue({ code: 'custom', path: ['exit_codes'], message: 'only applies to run and check steps' });
      for (const key of ['env', 'cwd'] as const) {
        if (step[key] !== undefined && step.flag?.command === undefined)
          context.addIssue({ code: 'custom', path: [key], message: 'only applies to a flag step with command' });
      }
    }
  });

const variableSchema = z.union(
  [
    scalarValue.transform((value) => ({ default: value as string | undefined, prompt: undefined as string | undefined, secret: false })),
    z
      .strictObject(
        { default: scalarValue.optional(), prompt: z.string().min(1).optional(), secret: z.boolean().optional() },
        { message: 'must be a default value or a mapping with default, prompt, secret' },
      )
      .transform((spec) => ({ default: spec.default, prompt: spec.prompt, secret: spec.secret ?? false })),
  ],
  { message: 'must be a default value or a mapping with default, prompt, secret' },
);

/**
 * What a playbook needs from the release it runs in, checked at import and at run start:
 * a target by name, and whether it must be War Room's local sandbox (its service files).
 */
export const requirementSchema = z.strictObject(
  {
    target: z.string({ message: 'must name the target the playbook needs' }).min(1, { message: 'must not be empty' }),
    sandbox: z.boolean({ message: 'must be true or false' }).optional(),
  },
  { message: "must be a mapping with target (and sandbox: true for War Room's local sandbox)" },
);

export const requirementsSchema = z.array(requirementSchema, { message: 'must be a list like [{target: sandbox, sandbox: true}]' });

/** The whole file. */
export const yamlPlaybookSchema = z.strictObject(
  {
    name: z.string({ message: 'is required: the playbook name' }).min(1, { message: 'must not be empty' }),
    requires: requirementsSchema.optional(),
    description: z.string().optional(),
    target: z.string().min(1).optional(),
    variables: z
      .record(envName, z.union([variableSchema, z.null().transform(() => ({ default: undefined, prompt: undefined, secret: false }))]), {
        message: 'must be a mapping of NAME: default or NAME: {default, prompt}',
      })
      .optional(),
    steps: z.array(stepSchema, { message: 'is required: a list of steps' }).min(1, { message: 'must list at least one step' }),
  },
  { message: 'must be a mapping with name and steps' },
);

export type YamlPlaybook = z.output<typeof yamlPlaybookSchema>;
export type YamlStep = z.output<typeof stepSchema>;
