/**
 * Parse a YAML playbook into the model, or throw a WarRoomError naming line and column.
 *
 * Why the detour through the YAML node tree: zod reports a path (steps.2.timeout); the
 * operator needs the line. LineCounter turns the node's offset into line and column.
 * Aliases are capped (an alias bomb expands to gigabytes), keys are unique, and keys like
 * `__proto__` stay data (the yaml package defines them as own properties; the schema
 * refuses them as unknown keys or reserved names).
 */
import { createHash } from 'node:crypto';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { parseDuration } from './duration';
import { formatFieldPath, playbookSourceError } from './playbook-errors';
import type { SourceProblem } from './playbook-errors';
import { PlaybookDefaults } from '../../../contract/domain/playbooks/playbook-model';
import type { EnvEntry, Playbook, PlaybookStep, PlaybookVariable, SourcePosition } from '../../../contract/domain/playbooks/playbook-model';
import { reservedNames, yamlPlaybookSchema } from './playbook-yaml-schema';
import type { YamlStep } from './playbook-yaml-schema';
import { uniqueStepId } from './step-ids';
import { WarRoomError } from '../../../contract/domain/errors';
import { AnalysisDefaults } from '../telemetry/analysis';
import { yamlSyntaxProblems } from './yaml-source-problems';

/** Parse the text of a YAML playbook; `file` is used in messages and recorded in the model. */
export function parseYamlPlaybook(text: string, file: string): Playbook {
  const lineCounter = new LineCounter();
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (text.length > PlaybookDefaults.maxSourceBytes) {
    throw playbookSourceError(file, [
      { line: 1, column: 1, field: '', rule: `is larger than ${PlaybookDefaults.maxSourceBytes} bytes; a playbook is never that big` },
    ]);
  }
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, merge: false });
  if (document.errors.length > 0) {
    throw playbookSourceError(file, yamlSyntaxProblems(text, document.errors, lineCounter));
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: PlaybookDefaults.maxAliasCount });
  } catch (error) {
    throw playbookSourceError(file, [
      { ...position(firstAliasOffset(document)), field: '', rule: `cannot be expanded: ${firstLine(error instanceof Error ? error.message : String(error))}` },
    ]);
  }
  const reserved = reservedKeyProblems(document, position);
  if (reserved.length > 0) throw playbookSourceError(file, reserved);
  const result = yamlPlaybookSchema.safeParse(data ?? null);
  if (!result.success) {
    throw playbookSourceError(
      file,
      result.error.issues.map((issue) => problemOf(issue, document, position, text)),
    );
  }
  const playbook = result.data;
  const nodePosition = (path: readonly PropertyKey[]): SourcePosition => position(locate(document, path).offset);
  const variables: PlaybookVariable[] = Object.entries(playbook.variables ?? {}).map(([name, spec]) => ({
    name,
    defaultValue: spec.default,
    prompt: spec.prompt,
    secret: spec.secret,
    position: nodePosition(['variables', name]),
  }));
  const taken = new Set<string>();
  const steps = playbook.steps.map((step, index) => toStep(step, index, nodePosition(['steps', index]), taken));
  return {
    name: playbook.name,
    description: playbook.description ?? '',
    target: playbook.target,
    variables,
    steps,
    metadata: {},
    warnings: [],
    source: { file, format: 'yaml', sha256: createHash('sha256').update(text).digest('hex') },
  };
}

function toStep(step: YamlStep, index: number, position: SourcePosition, taken: Set<string>): PlaybookStep {
  const ms = (text: string | undefined, fallback: number): number => (text === undefined ? fallback : (parseDuration(text) ?? fallback));
  const env: EnvEntry[] = Object.entries(step.env ?? {}).map(([name, value]) => ({ name, value }));
  const label =
    step.name ??
    (step.run !== undefined
      ? firstLine(step.run)
      : step.check !== undefined
        ? `Check ${step.check.command !== undefined ? firstLine(step.check.command) : step.check.http}`
        : step.manual !== undefined
          ? firstLine(step.manual)
          : step.approval !== undefined
            ? `Approval by ${step.approval.roles.join(', ')}`
            : step.wait !== undefined
              ? `Wait ${step.wait}`
              : step.analysis !== undefined
                ? `Analysis: ${firstLine(step.analysis.query)}`
                : step.flag !== undefined
                  ? `Switch flag ${step.flag.name} ${step.flag.set ? 'on' : 'off'}`
                  : `Ask for ${step.prompt?.variable ?? 'a value'}`);
  const base = {
    id: uniqueStepId(step.id ?? label, index, taken),
    name: label.slice(0, 200),
    instructions: step.instructions ?? '',
    onFailure: step.on_failure ?? 'ask',
    failureHint: step.failure_hint,
    target: step.target,
    position,
    ...(step.when !== undefined ? { when: step.when } : {}),
  } as const;
  if (step.run !== undefined) {
    return {
      ...base,
      kind: 'run',
      command: step.run,
      timeoutMs: ms(step.timeout, PlaybookDefaults.runTimeoutMs),
      acceptedExitCodes: step.exit_codes ?? [0],
      env,
      cwd: step.cwd,
    };
  }
  if (step.check !== undefined) {
    const check = step.check;
    return {
      ...base,
      kind: 'check',
      command: check.command,
      url: check.http,
      retries: check.retries ?? PlaybookDefaults.checkRetries,
      intervalMs: ms(check.interval, PlaybookDefaults.checkIntervalMs),
      timeoutMs: ms(check.timeout ?? step.timeout, PlaybookDefaults.checkTimeoutMs),
      expect: { exitCodes: check.exit_codes ?? step.exit_codes ?? [0], statusCodes: check.status ?? [], outputPattern: check.output },
      env,
      cwd: step.cwd,
    };
  }
  if (step.manual !== undefined) return { ...base, kind: 'manual', instructions: [step.manual, base.instructions].filter(Boolean).join('\n\n') };
  if (step.approval !== undefined) return { ...base, kind: 'approval', roles: step.approval.roles, approvers: step.approval.approvers };
  if (step.wait !== undefined) return { ...base, kind: 'wait', durationMs: ms(step.wait, 0) };
  if (step.analysis !== undefined) {
    const analysis = step.analysis;
    return {
      ...base,
      kind: 'analysis',
      source: analysis.source,
      query: analysis.query,
      baseline: analysis.baseline,
      successCondition: analysis.successCondition,
      failureCondition: analysis.failureCondition,
      intervalMs: ms(analysis.interval, AnalysisDefaults.intervalMs),
      count: analysis.count ?? AnalysisDefaults.count,
      failureLimit: analysis.failureLimit ?? AnalysisDefaults.failureLimit,
      inconclusiveLimit: analysis.inconclusiveLimit ?? AnalysisDefaults.inconclusiveLimit,
      consecutiveErrorLimit: analysis.consecutiveErrorLimit ?? AnalysisDefaults.consecutiveErrorLimit,
      initialDelayMs: ms(analysis.initialDelay, AnalysisDefaults.initialDelayMs),
      auth: analysis.auth,
      caFile: analysis.ca_file,
      timeoutMs: ms(analysis.timeout ?? step.timeout, PlaybookDefaults.checkTimeoutMs),
    };
  }
  if (step.flag !== undefined) {
    const flag = step.flag;
    return {
      ...base,
      kind: 'flag',
      flag: flag.name,
      enabled: flag.set,
      service: flag.service,
      command: flag.command,
      readCommand: flag.read,
      auth: flag.auth,
      timeoutMs: ms(step.timeout, PlaybookDefaults.flagTimeoutMs),
      env,
      cwd: step.cwd,
    };
  }
  const prompt = step.prompt ?? { variable: 'VALUE', question: undefined, default: undefined, secret: undefined };
  return {
    ...base,
    kind: 'prompt',
    variable: prompt.variable,
    question: prompt.question ?? `Value of ${prompt.variable}`,
    defaultValue: prompt.default,
    secret: prompt.secret ?? false,
  };
}

function problemOf(issue: z.core.$ZodIssue, document: Document, position: (offset: number) => SourcePosition, text: string): SourceProblem {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const found = locate(document, [...path, key]);
    const field = formatFieldPath([...path, key]);
    const known = found.keyOffset ?? found.offset;
    return { ...position(known), field, rule: `is not a known key${issue.keys.length > 1 ? ` (nor ${issue.keys.slice(1).join(', ')})` : ''}` };
  }
  const found = locate(document, path);
  const field = formatFieldPath(path);
  // A condition that does not parse: point at the very character, not only at the value.
  const conditionColumn = issue.code === 'custom' ? (issue.params as { conditionColumn?: unknown } | undefined)?.conditionColumn : undefined;
  if (typeof conditionColumn === 'number') {
    const quoted = text[found.offset] === '"' || text[found.offset] === "'" ? 1 : 0;
    const start = position(found.offset);
    const at = position(found.offset + quoted + conditionColumn - 1);
    return { ...(at.line === start.line ? at : start), field, rule: issue.message };
  }
  const rule = found.missing !== undefined && issue.code === 'invalid_type' ? `'${String(found.missing)}' is required` : issue.message;
  return { ...position(found.offset), field: found.missing !== undefined && issue.code === 'invalid_type' ? formatFieldPath(path.slice(0, -1)) : field, rule };
}

/** Find the node at a zod path; when a key is missing, the nearest existing parent. */
function locate(document: Document, path: readonly PropertyKey[]): { offset: number; keyOffset?: number; missing?: PropertyKey } {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  let keyOffset: number | undefined;
  for (const segment of path) {
    keyOffset = undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return { offset, missing: segment };
      keyOffset = rangeStart(pair.key);
      node = pair.value;
      offset = rangeStart(node) ?? keyOffset ?? offset;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      offset = rangeStart(node) ?? offset;
    } else {
      return { offset, missing: segment };
    }
  }
  return keyOffset === undefined ? { offset } : { offset, keyOffset };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}

/** Keys such as __proto__ are refused wherever they appear: they are never a playbook's intent. */
function reservedKeyProblems(document: Document, position: (offset: number) => SourcePosition): SourceProblem[] {
  const problems: SourceProblem[] = [];
  visit(document, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && (reservedNames as readonly string[]).includes(String(pair.key.value))) {
        problems.push({ ...position(rangeStart(pair.key) ?? 0), field: String(pair.key.value), rule: 'is a reserved key and cannot be used in a playbook' });
      }
    },
  });
  return problems;
}

function firstAliasOffset(document: Document): number {
  let offset = 0;
  visit(document, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) {
        offset = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}

/**
 * The body of a Markdown runbook's ```analysis fence (the same keys as a YAML step's
 * `analysis:`, plus the step's own on_failure, when, id, name): parsed as a one-step
 * playbook so that the rules and messages are the YAML playbook's own. Problems come
 * back at the runbook's lines and columns (`firstLine` is the fence body's first line).
 */
export function parseAnalysisFence(body: string, firstLine: number): { step: PlaybookStep } | { problems: SourceProblem[] } {
  const stepKeys = new Set(['id', 'name', 'on_failure', 'failure_hint', 'when', 'target']);
  const lines = body.replace(/\s+$/, '').split(/\r?\n/);
  const header = ['name: fence', 'steps:', '  - analysis:'];
  const stepLines: string[] = [];
  const analysisLines: string[] = [];
  const origin: number[] = [];
  lines.forEach((line, index) => {
    const key = /^([A-Za-z_]+)\s*:/.exec(line)?.[1];
    if (key !== undefined && stepKeys.has(key)) stepLines.push(`    ${line}`);
    else {
      analysisLines.push(`      ${line}`);
      origin.push(index);
    }
  });
  // Step keys go after the analysis block; their lines are not remapped exactly (they rarely err).
  const text = [...header, ...analysisLines, ...stepLines].join('\n');
  try {
    const playbook = parseYamlPlaybook(text, 'fence.yaml');
    return { step: playbook.steps[0] as PlaybookStep };
  } catch (error) {
    if (!(error instanceof WarRoomError)) throw error;
    const messages = error.message.split('\n');
    return {
      problems: error.locations.map((location, index) => {
        const inAnalysis = (location.line ?? 0) - header.length - 1;
        const source = origin[Math.max(0, Math.min(origin.length - 1, inAnalysis))] ?? 0;
        const rule = (messages[index] ?? 'is not valid').replace(/^playbook .+? line \d+, column \d+: (?:'[^']*' )?/, '');
        return {
          line: firstLine + source,
          column: Math.max(1, (location.column ?? 7) - (inAnalysis >= 0 && inAnalysis < origin.length ? 6 : 4)),
          field: (location.field ?? '').replace(/^steps\[0\]\.(analysis\.)?/, ''),
          rule,
        };
      }),
    };
  }
}
