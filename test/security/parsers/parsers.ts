// Every parser of outside input, registered for the shared fuzz harness. To cover a new
// parser, add one entry: a name, a few valid seed documents, the tokens of its format,
// and how to call it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlPlaybook } from '../../../main/core/playbooks/yaml-playbook-parser';
import { parseMarkdownRunbook } from '../../../main/core/playbooks/markdown-runbook-parser';
import { parseChecklistTemplate } from '../../../main/core/checklist/checklist-template';
import { previewRiskCsv } from '../../../main/core/risks/risk-csv-import';
import { exportRisksJson, previewRiskJson } from '../../../main/core/risks/risk-export';
import { commitRiskImport } from '../../../main/core/risks/risk-import-commit';
import { initialRisksState, reduceRisks } from '../../../main/core/risks/risks-reducer';
import { importIcs } from '../../../main/core/schedule/ics-import';
import { parseAsciicast, validateAsciicast } from '../../../main/pty/asciicast-reader';
import { verifyJournalBytes } from '../../../main/core/journal/verify-journal';
import { encodeData, encodeEvent, GENESIS_HASH } from '../../../main/core/journal/journal-format';
import { createShellIntegrationParser } from '../../../main/pty/shell-integration-parser';
import type { ParserUnderTest } from './parser-harness';

const assets = new URL('../../../assets/', import.meta.url).pathname;
const filesIn = (folder: string, extension: string): string[] =>
  readdirSync(join(assets, folder))
    .filter((name) => name.endsWith(extension))
    .map((name) => readFileSync(join(assets, folder, name), 'utf8'));

const markdownRunbook = [
  '# Roll back checkout',
  '',
  'Prose before the steps.',
  '',
  '## Announce',
  '',
  'Say it in #release.',
  '',
  '```sh name="Check health" check retries=3 interval=1s timeout=30s',
  'curl -fsS http://127.0.0.1:8080/health',
  '```',
  '',
  '```bash name="Switch back"',
  'sandboxctl switch v1',
  '```',
].join('\n');

const riskCsv = [
  'sep=;',
  'Risk;Probability;Severity;Plan B;Early warning sign;Risk owner;Type',
  'Zoë leaves mid-release;likely;major;"Hand over to 東京; pod B";Zoë offline > 30m;Ana;People',
  '"Øresund link, the ""slow"" one";2;5;;;Kenji;third party',
].join('\r\n');

function riskJson(): string {
  const preview = previewRiskCsv(riskCsv);
  const events = commitRiskImport(initialRisksState(), preview, { actor: 'fuzz', now: '2026-03-10T20:00:00Z' });
  const state = events.reduce(
    (risks, event, index) => reduceRisks(risks, { ...event, actor: 'fuzz', ts: '2026-03-10T20:00:00Z', seq: index + 1 } as never),
    initialRisksState(),
  );
  return exportRisksJson(state);
}

const ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Partner//Freeze//EN',
  'BEGIN:VEVENT',
  'UID:ny-maintenance',
  'SUMMARY:NY partner maintenance\\, weekly',
  'DTSTART;TZID=America/New_York:20260301T010000',
  'DURATION:PT3H',
  'RRULE:FREQ=WEEKLY;UNTIL=20260322T060000Z',
  'EXDATE:20260315T050000Z',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:xmas',
  'SUMMARY:Christmas',
  'DTSTART;VALUE=DATE:20261224',
  'DTEND;VALUE=DATE:20261227',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

const cast = [
  JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1767225600, title: 'sandbox', env: { TERM: 'xterm-256color' } }),
  JSON.stringify([0.1, 'o', '$ kubectl rollout undo\r\n']),
  JSON.stringify([0.5, 'o', '\u001b[32mdone\u001b[0m\r\n']),
  JSON.stringify([0.6, 'r', '100x30']),
  JSON.stringify([0.7, 'm', 'journal seq 12']),
  JSON.stringify([0.9, 'x', '0']),
  '',
].join('\n');

function journal(): string {
  let prev = GENESIS_HASH;
  const lines: string[] = [];
  for (let seq = 1; seq <= 4; seq += 1) {
    const data = { kind: 'note', text: `step ${seq} ✓ 東京` };
    const encoded = encodeEvent(seq, `2026-03-10T20:0${seq}:00.000Z`, 'ana', 'note.added', data, encodeData(data), prev);
    lines.push(encoded.line);
    prev = encoded.event.hash;
  }
  return lines.join('');
}

export const parsers: readonly ParserUnderTest[] = [
  {
    name: 'playbook YAML',
    seeds: filesIn('playbooks', '.yaml'),
    fragments: [
      'steps:',
      '  - name: x',
      '    run: |',
      'timeout: 5m',
      'on_failure: ask',
      'retries: 3',
      'env:',
      '__proto__:',
      'constructor:',
      '&a',
      '*a',
      '!!binary',
      '<<: *a',
      '? ',
      '- ',
      '{',
      '}',
    ],
    parse: (text) => parseYamlPlaybook(text, 'fuzz.yaml'),
    errorsHaveLines: true,
  },
  {
    name: 'Markdown runbook',
    seeds: [markdownRunbook],
    fragments: ['```sh', '```', '~~~', '## ', '# ', 'name="x"', 'timeout=5m', 'retries=3', 'check', '$ ', '> ', '<div>', '---'],
    parse: (text) => parseMarkdownRunbook(text, 'fuzz.md'),
    errorsHaveLines: true,
  },
  {
    name: 'checklist template YAML',
    seeds: filesIn('templates', '.yaml'),
    fragments: [
      'phases:',
      '  - id: x',
      '    items:',
      'due: T-1d',
      'due: T+30m',
      'required: true',
      'owner: { role: x }',
      '__proto__:',
      'constructor:',
      '&a',
      '*a',
      '- ',
    ],
    parse: (text) => parseChecklistTemplate(text, 'fuzz.yaml'),
    errorsHaveLines: true,
  },
  {
    name: 'risk register CSV',
    seeds: [riskCsv, riskCsv.replaceAll(';', ',').replace('sep=,\r\n', '')],
    fragments: ['sep=;', '"', '""', ';', ',', '\r\n', 'Likelihood', 'Impact', 'Title', '__proto__', '=cmd|/c calc!A1', '\ufeff'],
    parse: (text) => previewRiskCsv(text),
    problems: (result) => (result as ReturnType<typeof previewRiskCsv>).badRows,
    errorsHaveLines: false,
  },
  {
    name: 'risk register JSON',
    seeds: [riskJson()],
    fragments: [
      '"__proto__":',
      '"constructor":',
      '{"prototype":{"polluted":true}}',
      'null',
      '1e999',
      '-0',
      '[]',
      '{}',
      '"likelihood":',
      '"risks":',
      '"nextNumber":',
    ],
    parse: (text) => previewRiskJson(text),
    problems: (result) => (result as ReturnType<typeof previewRiskJson>).badRows,
    errorsHaveLines: false,
  },
  {
    name: 'blackout calendar .ics',
    seeds: [ics],
    fragments: [
      'BEGIN:VEVENT',
      'END:VEVENT',
      'BEGIN:VCALENDAR',
      'END:VCALENDAR',
      'RRULE:FREQ=SECONDLY',
      'RRULE:FREQ=DAILY;COUNT=100000',
      'DTSTART:20260101T000000Z',
      'TZID=Mars/Olympus',
      'EXDATE:',
      '\r\n ',
      ';',
      ':',
      '\\,',
    ],
    parse: (text) => importIcs(text, { file: 'fuzz.ics', scope: { kind: 'all' }, defaultZone: 'Europe/Berlin' }),
    errorsHaveLines: false,
  },
  {
    name: 'asciicast .cast (validate)',
    seeds: [cast],
    fragments: ['[0.1, "o", "x"]', '[1e308, "o", ""]', '[-1, "o", "x"]', '{"version": 3}', '{"version": 1}', '"\\u001b["', ']', '[', '"r"', '"m"'],
    parse: (text) => validateAsciicast(text),
    problems: (result) => (result as ReturnType<typeof validateAsciicast>).problems,
    errorsHaveLines: true,
  },
  {
    name: 'asciicast .cast (parse)',
    seeds: [cast],
    fragments: ['[0.1, "o", "x"]', '{"version": 2, "width": 0}', '"height": -1', '[', ']'],
    parse: (text) => parseAsciicast(text, 'fuzz.cast'),
    errorsHaveLines: true,
  },
  {
    name: 'journal .jsonl',
    seeds: [journal()],
    fragments: ['"seq":', '"prev":', '"hash":', '0'.repeat(64), '\n', '{', '}', '"__proto__":{"polluted":true}', '"data":'],
    parse: (text) => verifyJournalBytes(Buffer.from(text, 'utf8')),
    problems: (result) => {
      const verification = result as ReturnType<typeof verifyJournalBytes>;
      return verification.break ? [{ line: verification.break.line }] : [];
    },
    errorsHaveLines: true,
  },
  {
    name: 'terminal output (shell integration sequences)',
    seeds: ['\u001b]633;A\u0007$ \u001b]633;B\u0007ls\u001b]633;E;ls\u0007\u001b]633;C\u0007a b\r\n\u001b]633;D;0\u0007'],
    fragments: ['\u001b]633;', '\u0007', '\u001b\\', ';D;', ';E;', ';P;Cwd=', '\\x3b', '\u001b['],
    parse: (text) => {
      const parser = createShellIntegrationParser(() => 0);
      // Fed in two pieces, as a pty would: a sequence may be cut anywhere.
      const cut = Math.floor(text.length / 2);
      return [parser.push(text.slice(0, cut)), parser.push(text.slice(cut)), parser.flush(null)];
    },
    errorsHaveLines: false,
  },
];
