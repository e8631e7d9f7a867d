/**
 * Turn a Markdown runbook into a playbook: headings become steps, shell fences run steps.
 *
 * Why these rules: teams already keep runbooks in Markdown, and opening one must give a
 * sensible playbook without editing it. A heading with shell blocks gives one run step
 * per block (the prose before each block is its instructions); a heading with prose
 * only is a manual step; a heading with nothing of its own (a group) gives no step;
 * informational sections (Overview, Contacts, Escalation...) go to the description.
 * Unlabelled fences and other languages are shown, never executed. Front matter (YAML
 * or TOML) gives the title and metadata; shell fences that are session transcripts run
 * their prompted commands only (see shell-transcript.ts). What looks wrong but is usable
 * (a file cut off mid-sentence, a fence never closed) becomes a warning, not silence.
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Code, Heading, Nodes, Root, RootContent } from 'mdast';
import { parseFenceAttributes } from './fence-attributes';
import type { FenceAttributes } from './fence-attributes';
import { playbookSourceError } from './playbook-errors';
import type { SourceProblem } from './playbook-errors';
import { readFrontMatter } from './front-matter';
import { PlaybookDefaults } from '../../../contract/domain/playbooks/playbook-model';
import type { Playbook, PlaybookStep, PlaybookWarning, SourcePosition } from '../../../contract/domain/playbooks/playbook-model';
import { isShellLanguage, outputLookingLine, readShellBlock } from './shell-transcript';
import type { ShellBlock } from './shell-transcript';
import { uniqueStepId } from './step-ids';
import { parseAnalysisFence } from './yaml-playbook-parser';

const informational =
  /^(overview|introduction|intro|about|background|summary|purpose|scope|context|contacts?|owners?|ownership|escalation|references?|see also|links|related|notes?|table of contents|contents|toc|appendix|glossary|changelog|history|revision history|faq|meaning|impact|description|symptoms?)\b/i;

const limits = {
  /** A last paragraph stopping without punctuation after this many words reads as cut off; fewer is a note ("TODO"). */
  cutOffMinWords: 4,
} as const;

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
  const front = readFrontMatter(text);
  const problems: SourceProblem[] = [...front.problems];
  const warnings: PlaybookWarning[] = [...front.warnings];
  // The front matter is blanked, not cut: offsets, lines and columns stay those of the file.
  const body = front.end > 0 ? text.slice(0, front.end).replace(/[^\r\n]/g, ' ') + text.slice(front.end) : text;
  const metadata = front.frontMatter?.values ?? {};
  const tree = fromMarkdown(body);
  const bodyEnd = body.trimEnd().length;
  const lines = body.split(/\r?\n|\r/);
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

  const first = sections.find((section) => section.heading !== undefined);
  // The first heading is the title when it is the only H1, or when it is an H1 with subsections
  // (GitLab's runbooks go on with "# Execution", "# Reference" after their title).
  const nextHeading = sections.find((section) => section.heading !== undefined && section !== first)?.heading;
  const titleHeading =
    first?.heading && first.heading.depth === 1 && (sections.filter((section) => section.heading?.depth === 1).length === 1 || (nextHeading?.depth ?? 1) > 1)
      ? first.heading
      : undefined;
  const metadataTitle = typeof metadata.title === 'string' ? metadata.title.trim() : '';
  const name = metadataTitle || (titleHeading ? plainText(titleHeading).trim() : '') || basename(file, extname(file)) || 'Runbook';
  const descriptionParts: string[] = [];
  if (typeof metadata.description === 'string' && metadata.description.trim()) descriptionParts.push(metadata.description.trim());
  const steps: PlaybookStep[] = [];
  const taken = new Set<string>();
  for (const code of allCodeBlocks(tree)) {
    if (isUnclosedFence(body, code, bodyEnd)) {
      warnings.push({
        line: code.position?.start.line ?? 1,
        column: code.position?.start.column ?? 1,
        message: `the code block opened here is never closed (the file may be cut off)${isShellLanguage(code.lang ?? '') ? '; its commands are not run: the step is manual' : ''}`,
      });
    }
  }
  for (const section of sections) {
    const isTitle = section.heading !== undefined && section.heading === titleHeading;
    // ```analysis fences: a metric gate each (YAML body, the keys of a YAML step's analysis:).
    const gates = section.nodes.flatMap((node) => analysisFences(node));
    for (const fence of gates) {
      const parsed = parseAnalysisFence(fence.value, (fence.position?.start.line ?? 1) + 1);
      if ('problems' in parsed) {
        problems.push(...parsed.problems);
        continue;
      }
      const title = section.heading ? plainText(section.heading).trim() : '';
      const step = parsed.step;
      steps.push({
        ...step,
        id: uniqueStepId(/^id\s*:/m.test(fence.value) ? step.id : title || step.id, steps.length, taken),
        name: step.name.startsWith('Analysis: ') && title ? title.slice(0, 200) : step.name,
        instructions: withoutComments(sliceText(body, section.nodes))
          .replace(/```analysis[\s\S]*?```/g, '')
          .trim(),
        position: positionOf(fence),
      });
    }
    const codes = section.nodes.flatMap((node) => shellBlocks(node));
    const prose = withoutComments(sliceText(body, section.nodes)).trim();
    const title = section.heading ? plainText(section.heading).trim() : '';
    if (section.heading === undefined || isTitle || (codes.length === 0 && informational.test(title))) {
      if (codes.length === 0) {
        if (prose) descriptionParts.push(section.heading && !isTitle ? `${title}\n\n${prose}` : prose);
        continue;
      }
    }
    if (codes.length === 0) {
      if (!prose || !section.heading || gates.length > 0) continue;
      steps.push(manualStep(title || `Step ${steps.length + 1}`, prose, steps.length, taken, positionOf(section.heading)));
      continue;
    }
    const candidates = commandCandidates(body, bodyEnd, lines, section, codes, problems, warnings);
    const sectionSteps: PlaybookStep[] = [];
    candidates.forEach((candidate, index) => {
      const stepName = candidate.attributes.name ?? (candidates.length === 1 ? title : `${title} (${index + 1}/${candidates.length})`) ?? '';
      const step = candidate.unclosed
        ? manualStep(
            stepName || firstLine(candidate.block.command),
            [
              candidate.before,
              `The command block at line ${candidate.position.line} is never closed (the file may be cut off); check it before running it by hand:`,
              fenced(candidate.block.command),
            ]
              .filter(Boolean)
              .join('\n\n'),
            steps.length,
            taken,
            candidate.position,
          )
        : toStep(
            candidate.attributes,
            candidate.block,
            stepName || firstLine(candidate.block.command),
            candidate.before,
            steps.length,
            taken,
            candidate.position,
          );
      steps.push(step);
      sectionSteps.push(step);
    });
    const lastCode = codes.at(-1);
    const afterStart = lastCode?.position?.end.offset ?? section.heading?.position?.end.offset ?? 0;
    const after = cleanProse(body.slice(afterStart, Math.max(afterStart, section.nodes.at(-1)?.position?.end.offset ?? afterStart)));
    const last = steps.at(-1);
    if (after && last && sectionSteps.includes(last))
      steps[steps.length - 1] = { ...last, instructions: [last.instructions, after].filter(Boolean).join('\n\n') };
    else if (after && sectionSteps.length === 0 && section.heading && !isTitle)
      steps.push(manualStep(title || `Step ${steps.length + 1}`, prose, steps.length, taken, positionOf(section.heading)));
  }
  warnings.push(...cutOffWarnings(text, tree));
  if (problems.length > 0) throw playbookSourceError(file, problems);
  if (steps.length === 0) {
    throw playbookSourceError(file, [{ line: 1, column: 1, field: '', rule: 'has no steps: add a heading followed by a ```sh block or by instructions' }]);
  }
  return {
    name: name.slice(0, 200),
    description: descriptionParts.join('\n\n'),
    target: undefined,
    variables: [],
    steps,
    metadata,
    warnings: warnings.sort((a, b) => a.line - b.line || a.column - b.column),
    source: { file, format: 'markdown', sha256: createHash('sha256').update(text).digest('hex') },
  };
}

/** A shell fence that becomes a step, with what the parser read from it. */
interface CommandCandidate {
  readonly attributes: FenceAttributes;
  readonly block: ShellBlock;
  /** Prose between the previous block and this one: the step's instructions. */
  readonly before: string;
  readonly position: SourcePosition;
  readonly unclosed: boolean;
}

/** Prose that announces a block of output ("The output is similar to this:", "Expected output:"). */
const outputIntroduction = /\b(?:output|prints?|returns?|shows?|displays?)\b[^\n]*:\s*$/i;

/**
 * The fences of a section that run, in order. A fence that shows output (a transcript with
 * no prompt, or a script fence introduced as output) is not run: it becomes the expected
 * output of the command before it.
 */
function commandCandidates(
  body: string,
  bodyEnd: number,
  lines: readonly string[],
  section: Section,
  codes: readonly Code[],
  problems: SourceProblem[],
  warnings: PlaybookWarning[],
): CommandCandidate[] {
  const candidates: CommandCandidate[] = [];
  let cursor = section.heading?.position?.end.offset ?? section.nodes[0]?.position?.start.offset ?? 0;
  let pendingProse = '';
  for (const code of codes) {
    const start = code.position?.start.offset ?? cursor;
    const between = cleanProse(body.slice(cursor, start));
    cursor = code.position?.end.offset ?? start;
    const line = code.position?.start.line ?? 1;
    const { attributes, problems: fenceProblems } = parseFenceAttributes(code.meta ?? '');
    const fenceLine = lines[line - 1] ?? '';
    const metaColumn = code.meta ? fenceLine.indexOf(code.meta, fenceLine.indexOf(code.lang ?? '') + (code.lang ?? '').length) + 1 : 1;
    for (const problem of fenceProblems) problems.push({ line, column: Math.max(1, metaColumn) + problem.offset, field: '', rule: problem.rule });
    const before = [pendingProse, between].filter(Boolean).join('\n\n');
    pendingProse = '';
    if (attributes.noRun) {
      pendingProse = before;
      continue;
    }
    const block = readShellBlock(code.value, code.lang ?? '');
    const previous = candidates.at(-1);
    const showsOutput = block.transcript ? block.command.trim() === '' : outputIntroduction.test(lastLine(between)) && attributes.name === undefined;
    if (showsOutput) {
      const shown = block.transcript ? (block.expectedOutput ?? '') : code.value;
      if (!block.transcript)
        warnings.push({
          line,
          column: code.position?.start.column ?? 1,
          message: `the \`\`\`${code.lang ?? ''} block after "${clip(lastLine(between))}" shows output: it is kept as the expected output of the command before it, not run`,
        });
      if (previous && shown.trim()) {
        candidates[candidates.length - 1] = {
          ...previous,
          block: { ...previous.block, expectedOutput: [previous.block.expectedOutput, shown.replace(/\s+$/, '')].filter(Boolean).join('\n') },
        };
      }
      pendingProse = before;
      continue;
    }
    if (!block.command.trim()) continue;
    if (!block.transcript) {
      const looksLikeOutput = outputLookingLine(block.command);
      if (looksLikeOutput) {
        warnings.push({
          line: line + 1 + looksLikeOutput.index,
          column: 1,
          message: `"${clip(looksLikeOutput.text)}" looks like printed output, yet this \`\`\`${code.lang ?? ''} block is run as a script: mark commands with a "$ " prompt so that output is not run`,
        });
      }
    }
    candidates.push({ attributes, block, before, position: positionOf(code), unclosed: isUnclosedFence(body, code, bodyEnd) });
  }
  return candidates;
}

function manualStep(name: string, instructions: string, index: number, taken: Set<string>, position: SourcePosition): PlaybookStep {
  return {
    kind: 'manual',
    id: uniqueStepId(name, index, taken),
    name: name.slice(0, 200),
    instructions,
    onFailure: 'ask',
    failureHint: undefined,
    target: undefined,
    position,
  };
}

function toStep(
  attributes: FenceAttributes,
  block: ShellBlock,
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
    expectedOutput: block.expectedOutput,
  } as const;
  const command = block.command;
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

/** ```analysis fences anywhere inside a node. */
function analysisFences(node: Nodes): Code[] {
  if (node.type === 'code') return node.lang === 'analysis' ? [node] : [];
  return 'children' in node ? (node.children as Nodes[]).flatMap((child) => analysisFences(child)) : [];
}

/** Shell fences anywhere inside a node (runbooks often put them inside list items). */
function shellBlocks(node: Nodes): Code[] {
  if (node.type === 'code') return isShellLanguage(node.lang ?? '') ? [node] : [];
  return 'children' in node ? (node.children as Nodes[]).flatMap((child) => shellBlocks(child)) : [];
}

/** Every code block of the document, whatever its language. */
function allCodeBlocks(node: Nodes): Code[] {
  if (node.type === 'code') return [node];
  return 'children' in node ? (node.children as Nodes[]).flatMap((child) => allCodeBlocks(child)) : [];
}

/**
 * True when a fenced block runs to the end of the document without its closing fence:
 * CommonMark then takes everything after it as code, which is how a cut-off file looks.
 */
function isUnclosedFence(body: string, code: Code, bodyEnd: number): boolean {
  const start = code.position?.start.offset;
  const end = code.position?.end.offset;
  if (start === undefined || end === undefined) return false;
  const source = body.slice(start, end);
  const opening = /^[ \t]*(`{3,}|~{3,})/.exec(source);
  if (!opening) return false;
  if (end < bodyEnd) return false;
  const fence = opening[1] ?? '```';
  const sourceLines = source.split(/\r?\n|\r/);
  const lastSourceLine = (sourceLines.length > 1 ? sourceLines.at(-1) : '') ?? '';
  const closing = /^[ \t>]*(`{3,}|~{3,})[ \t]*$/.exec(lastSourceLine);
  return !(closing && closing[1]?.[0] === fence[0] && (closing[1]?.length ?? 0) >= fence.length);
}

/** A runbook whose last paragraph stops mid-sentence was probably cut off (a partial copy, a truncated download). */
function cutOffWarnings(text: string, tree: Root): PlaybookWarning[] {
  const lastBlock = deepestLastBlock(tree);
  if (!lastBlock || lastBlock.node.type !== 'paragraph') return [];
  const end = lastBlock.node.position?.end;
  if (!end) return [];
  const source = text.slice(lastBlock.node.position?.start.offset ?? 0, end.offset).trimEnd();
  const lastWords = source.split(/\r?\n|\r/).at(-1) ?? '';
  const endsWithNewline = /[\r\n]$/.test(text);
  const brokenCharacter = text.trimEnd().endsWith('\uFFFD');
  const finished = /[.!?:;)\]}>"'`*_~|\u2026\u201D\u2019]$/.test(lastWords);
  // A fragment of a few words ("TODO", "See the dashboard") is a note, not a sentence cut short.
  const fragmentWords = (source.split(/[.!?:;]\s/).at(-1) ?? '').split(/\s+/).filter(Boolean).length;
  const cutShort = !finished && fragmentWords >= limits.cutOffMinWords && (!lastBlock.inList || !endsWithNewline);
  if (brokenCharacter || cutShort) {
    return [
      {
        line: end.line,
        column: end.column,
        message: `the text ends mid-sentence ("${clip(lastWords, true)}"): the file may be cut off; check it against its source`,
      },
    ];
  }
  return [];
}

/** The last block of the document, looking inside lists and quotes. */
function deepestLastBlock(node: Root): { node: Nodes; inList: boolean } | undefined {
  let current: Nodes | undefined = node.children.at(-1);
  let inList = false;
  while (current && (current.type === 'list' || current.type === 'listItem' || current.type === 'blockquote')) {
    if (current.type === 'list') inList = true;
    current = current.children.at(-1);
  }
  return current ? { node: current, inList } : undefined;
}

function sliceText(text: string, nodes: readonly RootContent[]): string {
  const start = nodes[0]?.position?.start.offset;
  const end = nodes.at(-1)?.position?.end.offset;
  return start === undefined || end === undefined ? '' : text.slice(start, end);
}

/** Prose between blocks, without the list markers a code block inside a list leaves behind. */
function cleanProse(text: string): string {
  return withoutComments(text)
    .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]*$/gm, '')
    .trim();
}

/**
 * Prose without HTML comments (`<!-- overview -->` markers of doc sites, notes to editors).
 * Scanned by hand: a regular expression is quadratic on a text full of `<!--` never closed.
 */
function withoutComments(text: string): string {
  let result = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    if (open === -1) break;
    const close = text.indexOf('-->', open + 4);
    if (close === -1) break;
    result += text.slice(from, open);
    from = close + 3;
  }
  return (result + text.slice(from)).replace(/\n{3,}/g, '\n\n');
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

function lastLine(text: string): string {
  return (text.trimEnd().split('\n').at(-1) ?? '').trim();
}

/** Text quoted in a warning: short, on one line. */
function clip(text: string, tail = false): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 60) return flat;
  return tail ? `...${flat.slice(-57)}` : `${flat.slice(0, 57)}...`;
}

/** A command shown inside manual instructions, in a fence long enough for any backticks it holds. */
function fenced(command: string): string {
  const longest = Math.max(2, ...[...command.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}sh\n${command}\n${fence}`;
}
