/**
 * Turn a Markdown runbook into a playbook: headings become steps, shell fences run steps.
 *
 * Why these rules: teams already keep runbooks in Markdown, and opening one must give a
 * sensible playbook without editing it. A heading with shell blocks gives one run step
 * per block (the prose before each block is its instructions); a heading with prose
 * only is a manual step; a heading with nothing of its own (a group) gives no step;
 * informational sections (Overview, Contacts, Escalation...) go to the description.
 * Unlabelled fences and other languages are shown, never executed.
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Code, Heading, Nodes, RootContent } from 'mdast';
import { parseFenceAttributes } from './fence-attributes';
import type { FenceAttributes } from './fence-attributes';
import { playbookSourceError } from './playbook-errors';
import type { SourceProblem } from './playbook-errors';
import { PlaybookDefaults } from './playbook-model';
import type { Playbook, PlaybookStep, SourcePosition } from './playbook-model';
import { uniqueStepId } from './step-ids';

const shellLanguages = new Set(['sh', 'bash', 'shell', 'zsh']);
const sessionLanguages = new Set(['console', 'shell-session', 'shellsession']);
const informational =
  /^(overview|introduction|intro|about|background|summary|purpose|scope|context|contacts?|owners?|ownership|escalation|references?|see also|links|related|notes?|table of contents|contents|toc|appendix|glossary|changelog|history|revision history|faq)\b/i;

interface Section {
  readonly heading: Heading | undefined;
  readonly nodes: RootContent[];
}

/** Parse the text of a Markdown runbook; `file` is used in messages and recorded in the model. */
export function parseMarkdownRunbook(text: string, file: string): Playbook {
  if (text.length > PlaybookDefaults.maxSourceBytes) {
    throw playbookSourceError(file, [
      { line: 1, column: 1, field: '', rule: `is larger than ${PlaybookDefaults.maxSourceBytes} bytes; a runbook is never that big` },
    ]);
  }
  const tree = fromMarkdown(text);
  const lines = text.split(/\r?\n|\r/);
  const sections: Section[] = [];
  let current: Section = { heading: undefined, nodes: [] };
  for (const node of tree.children) {
    if (node.type === 'heading') {
      sections.push(current);
      current = { heading: node, nodes: [] };
    } else {
      current.nodes.push(node);
    }
  }
  sections.push(current);

  let name = basename(file, extname(file)) || 'Runbook';
  const descriptionParts: string[] = [];
  const first = sections.find((section) => section.heading !== undefined);
  if (first?.heading && first.heading.depth === 1 && sections.filter((section) => section.heading?.depth === 1).length === 1) {
    name = plainText(first.heading).trim() || name;
  }
  const problems: SourceProblem[] = [];
  const steps: PlaybookStep[] = [];
  const taken = new Set<string>();
  for (const section of sections) {
    const isTitle = section.heading !== undefined && section.heading === first?.heading && plainText(section.heading).trim() === name;
    const codes = section.nodes.flatMap((node) => shellBlocks(node));
    const prose = sliceText(text, section.nodes).trim();
    const title = section.heading ? plainText(section.heading).trim() : '';
    if (section.heading === undefined || isTitle || (codes.length === 0 && informational.test(title))) {
      if (codes.length === 0) {
        if (prose) descriptionParts.push(section.heading && !isTitle ? `${title}\n\n${prose}` : prose);
        continue;
      }
    }
    if (codes.length === 0) {
      if (!prose || !section.heading) continue;
      steps.push({
        kind: 'manual',
        id: uniqueStepId(title, steps.length, taken),
        name: title || `Step ${steps.length + 1}`,
        instructions: prose,
        onFailure: 'ask',
        failureHint: undefined,
        target: undefined,
        position: positionOf(section.heading),
      });
      continue;
    }
    let cursor = section.heading?.position?.end.offset ?? section.nodes[0]?.position?.start.offset ?? 0;
    codes.forEach((code, index) => {
      const start = code.position?.start.offset ?? cursor;
      const before = cleanProse(text.slice(cursor, start));
      cursor = code.position?.end.offset ?? start;
      const { attributes, problems: fenceProblems } = parseFenceAttributes(code.meta ?? '');
      const fenceLine = lines[(code.position?.start.line ?? 1) - 1] ?? '';
      const metaColumn = code.meta ? fenceLine.indexOf(code.meta, fenceLine.indexOf(code.lang ?? '') + (code.lang ?? '').length) + 1 : 1;
      for (const problem of fenceProblems) {
        problems.push({ line: code.position?.start.line ?? 1, column: Math.max(1, metaColumn) + problem.offset, field: '', rule: problem.rule });
      }
      if (attributes.noRun) return;
      const command = commandOf(code);
      if (!command.trim()) return;
      const stepName = attributes.name ?? (codes.length === 1 ? title : `${title} (${index + 1}/${codes.length})`) ?? '';
      steps.push(toStep(attributes, command, stepName || firstLine(command), before, steps.length, taken, positionOf(code)));
    });
    const after = cleanProse(text.slice(cursor, section.nodes.at(-1)?.position?.end.offset ?? cursor));
    const last = steps.at(-1);
    if (after && last) steps[steps.length - 1] = { ...last, instructions: [last.instructions, after].filter(Boolean).join('\n\n') };
  }
  if (problems.length > 0) throw playbookSourceError(file, problems);
  if (steps.length === 0) {
    throw playbookSourceError(file, [{ line: 1, column: 1, field: '', rule: 'has no steps: add a heading followed by a ```sh block or by instructions' }]);
  }
  return {
    name,
    description: descriptionParts.join('\n\n'),
    target: undefined,
    variables: [],
    steps,
    source: { file, format: 'markdown', sha256: createHash('sha256').update(text).digest('hex') },
  };
}

function toStep(
  attributes: FenceAttributes,
  command: string,
  name: string,
  instructions: string,
  index: number,
  taken: Set<string>,
  position: SourcePosition,
): PlaybookStep {
  const base = {
    id: uniqueStepId(attributes.id ?? name, index, taken),
    name: name.slice(0, 200),
    instructions,
    onFailure: attributes.onFailure ?? 'ask',
    failureHint: undefined,
    target: attributes.target,
    position,
    env: [],
    cwd: attributes.cwd,
  } as const;
  if (attributes.check || attributes.retries !== undefined || attributes.outputPattern !== undefined) {
    return {
      ...base,
      kind: 'check',
      command,
      url: undefined,
      retries: attributes.retries ?? PlaybookDefaults.checkRetries,
      intervalMs: attributes.intervalMs ?? PlaybookDefaults.checkIntervalMs,
      timeoutMs: attributes.timeoutMs ?? PlaybookDefaults.checkTimeoutMs,
      expect: { exitCodes: attributes.exitCodes ?? [0], statusCodes: [], outputPattern: attributes.outputPattern },
    };
  }
  return { ...base, kind: 'run', command, timeoutMs: attributes.timeoutMs ?? PlaybookDefaults.runTimeoutMs, acceptedExitCodes: attributes.exitCodes ?? [0] };
}

/** Shell fences anywhere inside a node (runbooks often put them inside list items). */
function shellBlocks(node: Nodes): Code[] {
  if (node.type === 'code') {
    const language = (node.lang ?? '').toLowerCase();
    return shellLanguages.has(language) || sessionLanguages.has(language) ? [node] : [];
  }
  return 'children' in node ? (node.children as Nodes[]).flatMap((child) => shellBlocks(child)) : [];
}

/** The command of a fence; console sessions keep only the `$ ` lines (and their continuations). */
function commandOf(code: Code): string {
  if (!sessionLanguages.has((code.lang ?? '').toLowerCase())) return code.value;
  const commands: string[] = [];
  let continuing = false;
  for (const line of code.value.split('\n')) {
    if (continuing) commands.push(line);
    else if (/^\s*\$ /.test(line)) commands.push(line.replace(/^\s*\$ /, ''));
    else continue;
    continuing = line.trimEnd().endsWith('\\');
  }
  return commands.join('\n');
}

function sliceText(text: string, nodes: readonly RootContent[]): string {
  const start = nodes[0]?.position?.start.offset;
  const end = nodes.at(-1)?.position?.end.offset;
  return start === undefined || end === undefined ? '' : text.slice(start, end);
}

/** Prose between blocks, without the list markers a code block inside a list leaves behind. */
function cleanProse(text: string): string {
  return text.replace(/^\s*(?:[-*+]|\d+[.)])\s*$/gm, '').trim();
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  return 'children' in node ? (node.children as Nodes[]).map((child) => plainText(child)).join('') : '';
}

function positionOf(node: Nodes | undefined): SourcePosition {
  return { line: node?.position?.start.line ?? 1, column: node?.position?.start.column ?? 1 };
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}
