import type { ReportModel, ReportTimelineRow } from '../../../contract/domain/report/report-model';
import { REPORT_SECTIONS, actorColumns, formatDuration, shortUtc } from './report-format';
import { escapeHtml as e, ganttSvg, heatMapSvg } from './report-svg';
import { gateSvg } from '../telemetry/gate-svg';
import { planGanttSvg } from './plan-gantt-svg';

/** The only policy of an exported report: nothing loads, nothing runs; inline styles and data images only. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root{color-scheme:light}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:1200px;padding:24px 32px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;border-bottom:2px solid #263238;padding-bottom:4px;margin-top:32px}h3{font-size:16px;margin:20px 0 8px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:12.5px}th,td{border:1px solid #cfd8dc;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
.mono{word-break:break-all}
th{background:#eceff1}tr:nth-child(even) td{background:#fafafa}
.none{color:#607d8b;font-style:italic}.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.outcome{display:inline-block;padding:2px 10px;border-radius:4px;font-weight:700;background:#263238;color:#fff;text-transform:uppercase}
.outcome-released{background:#2e7d32}.outcome-rolled-back,.outcome-aborted,.outcome-no-go{background:#c62828}.outcome-postponed{background:#ef6c00}
.override{border:3px solid #c62828;background:#ffebee;padding:8px 12px;margin:8px 0;font-weight:600}
.dissent{color:#c62828;font-weight:700}.overdue{color:#c62828;font-weight:700}.failed{color:#c62828;font-weight:700}.warn{color:#9a6700;font-weight:700}
.sev1,.sev2{color:#c62828;font-weight:700}.charts{display:flex;gap:32px;flex-wrap:wrap}
figure.chart{margin:8px 0}figcaption{font-size:11px;color:#455a64}
nav ol{columns:2;font-size:13px}
.verify-ok{color:#2e7d32;font-weight:700}.verify-failed{color:#c62828;font-weight:700}
@media print{body{padding:0;max-width:none;font-size:11px}h2{break-after:avoid}table,figure,.override{break-inside:auto}tr,figure{break-inside:avoid}nav{display:none}a{color:inherit;text-decoration:none}}
@page{size:A4;margin:14mm}
`;

function table(headers: readonly string[], rows: readonly string[][], className = ''): string {
  if (rows.length === 0) return '<p class="none">none recorded</p>';
  return `<table class="${className}"><thead><tr>${headers.map((header) => `<th>${e(header)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/**
 * The report as one self-contained HTML document: inline CSS and SVG, a CSP that lets
 * nothing load or run, every string escaped. Opens offline in any browser and prints.
 */
export function renderHtml(model: ReportModel): string {
  const s = model.summary;
  const parts: string[] = [];
  const section = (id: (typeof REPORT_SECTIONS)[number]['id'], body: string) =>
    parts.push(`<section id="${id}"><h2>${e(REPORT_SECTIONS.find((candidate) => candidate.id === id)!.title)}</h2>${body}</section>`);

  const broken = model.verification.ok ? null : model.verification;
  const partialBanner = broken
    ? `<p class="verify-failed partial">PARTIAL: the journal does not verify from seq ${broken.headSeq + 1} (${e(broken.problem ?? '')}). This report covers seq 1 to ${broken.headSeq} only; what came after is not in it.</p>`
    : '';
  const handedOver = model.verification.handedOverPartial
    ? `<p class="verify-failed partial">${e(model.verification.handedOverPartial)} (from the partial bundle this release was imported from)</p>`
    : '';
  section(
    'summary',
    partialBanner +
      handedOver +
      `<p><span class="outcome outcome-${e(s.outcome.replace(/ /g, '-'))}">${e(s.outcomeLabel)}</span> ${e(s.outcomeWhy)}</p>` +
      table(
        ['Release', 'Version', 'Mode', 'Release zone', 'Created by', 'Generated (UTC)', 'Secrets masked'],
        [[e(s.name), e(s.version), e(s.mode), e(s.zone), e(s.createdBy), e(shortUtc(s.generatedAt)), String(model.redactionCount)]],
      ) +
      (s.description ? `<p>${e(s.description)}</p>` : ''),
  );
  section(
    'times',
    table(
      ['', ...model.times.zones.flatMap((zone) => [`Planned (${zone})`, `Actual (${zone})`])],
      model.times.rows.map((row) => [
        e(row.label),
        ...model.times.zones.flatMap((zone) => [
          e(row.planned?.zones.find((z) => z.zone === zone)?.text ?? '—'),
          e(row.actual?.zones.find((z) => z.zone === zone)?.text ?? '—'),
        ]),
      ]),
    ) +
      (model.times.pods.length > 0
        ? `<p>Pods: ${model.times.pods.map((pod) => `${e(pod.name)} (${e(pod.zone)}, ${e(pod.hours)})`).join('; ')}</p>`
        : '<p class="none">No pods recorded.</p>'),
  );
  section(
    'go-no-go',
    model.polls.length === 0
      ? '<p class="none">none recorded</p>'
      : model.polls
          .map(
            (poll) =>
              `<h3>Poll ${e(poll.pollId)}: ${e(poll.outcome ?? 'undecided')}</h3><p>Opened by ${e(poll.openedBy)} at ${e(shortUtc(poll.openedAt))}; decided by ${e(poll.decidedBy ?? '—')} at ${e(shortUtc(poll.decidedAt))}.${poll.note ? ` Note: ${e(poll.note)}` : ''}</p>` +
              poll.overrides
                .map(
                  (override) =>
                    `<div class="override" data-kind="gate-overridden">GATE OVERRIDDEN by ${e(override.by)} at ${e(shortUtc(override.at))}: ${e(override.reason)}<br>Blockers: ${override.blockers.map(e).join('; ')}</div>`,
                )
                .join('') +
              table(
                ['Participant', 'Role', 'Required', 'Vote', 'Comment', 'Cast by', 'At'],
                poll.votes.map((vote) => [
                  e(vote.participant),
                  e(vote.role),
                  vote.required ? 'yes' : 'no',
                  vote.dissent ? `<span class="dissent">${e(vote.value)} (dissent)</span>` : e(vote.value),
                  e(vote.comment ?? ''),
                  e(vote.castBy),
                  e(shortUtc(vote.castAt)),
                ]),
              ) +
              (poll.changedVotes > 0 ? `<p>${poll.changedVotes} vote(s) were changed before the decision.</p>` : ''),
          )
          .join(''),
  );
  section(
    'checklist',
    `<p>${model.checklist.done} of ${model.checklist.total} items done or not applicable; <span class="${model.checklist.overdue > 0 ? 'overdue' : ''}">${model.checklist.overdue} overdue</span>.</p>` +
      table(
        ['Phase', 'Item', 'Status', 'Owner', 'Due', 'By', 'When (UTC)'],
        model.checklist.items.map((item) => [
          e(item.phase),
          e(item.title) + (item.reason ? `<br><small>${e(item.reason)}</small>` : ''),
          e(item.status) + (item.overdue ? ' <span class="overdue">OVERDUE</span>' : ''),
          e(item.owner),
          e(item.due ?? '—'),
          e(item.updatedBy),
          e(shortUtc(item.updatedAt)),
        ]),
      ),
  );
  section(
    'risks',
    `<div class="charts">${model.risks.atGoNoGo ? heatMapSvg(model.risks.atGoNoGo) : '<p class="none">No go/no-go decision: no heat map at go/no-go.</p>'}${heatMapSvg(model.risks.atClose)}</div><h3>Occurred</h3>` +
      table(
        ['Id', 'Title', 'Score', 'Owner'],
        model.risks.occurred.map((risk) => [e(risk.id), e(risk.title), String(risk.score), e(risk.owner)]),
      ) +
      '<h3>Register</h3>' +
      table(
        ['Id', 'Title', 'Status', 'Score', 'Owner', 'Mitigation'],
        model.risks.all.map((risk) => [e(risk.id), e(risk.title), e(risk.status), String(risk.score), e(risk.owner), e(risk.mitigation)]),
      ),
  );
  section(
    'runs',
    (model.runs.length === 0
      ? '<p class="none">none recorded</p>'
      : model.runs
          .map(
            (run) =>
              `<h3>${e(run.playbook)} (${e(run.mode)}): <span class="${run.status === 'failed' || run.status === 'aborted' ? 'failed' : run.skipped.length > 0 ? 'warn' : ''}">${e(run.outcome)}</span></h3><p>Started by ${e(run.startedBy)} at ${e(shortUtc(run.startedAt))}; duration ${e(formatDuration(run.durationMs))}. Log <span class="mono">${e(run.logFile)}</span> sha256 <span class="mono">${e(run.logSha256 ?? '—')}</span></p>` +
              (run.skipped.length > 0
                ? `<ul class="skipped">${run.skipped.map((skipped) => `<li>Step ${skipped.step} (${e(skipped.name)}) was skipped by ${e(skipped.by)}: ${e(skipped.reason)}</li>`).join('')}</ul>`
                : '') +
              ganttSvg(run) +
              table(
                ['#', 'Step', 'Kind', 'Status', 'Attempts', 'Duration', 'Planned', 'Exit', 'Failure', 'Operator choices'],
                run.steps.map((step, index) => [
                  String(index + 1),
                  e(step.name),
                  e(step.kind),
                  step.status === 'failed' ? `<span class="failed">failed</span>` : e(step.status),
                  String(step.attempts),
                  e(formatDuration(step.durationMs)),
                  e(formatDuration(step.plannedMs)),
                  e(step.exitCode ?? ''),
                  e(step.failure ?? ''),
                  e(step.choices.join('; ')),
                ]),
              ) +
              run.steps
                .filter((step) => step.measurements && step.measurements.length > 0)
                .map((step) => gateSvg(step.name, step.measurements ?? []))
                .join(''),
          )
          .join('')) +
      (model.plan ? `<h3>Plan: planned, rehearsal and actual</h3>${planGanttSvg(model.plan)}` : '') +
      (model.rehearsalVsLive.length > 0
        ? `<h3>Rehearsal vs live</h3>${table(
            ['Playbook', 'Rehearsal', 'Live'],
            model.rehearsalVsLive.map((row) => [e(row.playbook), e(formatDuration(row.rehearsalMs)), e(formatDuration(row.liveMs))]),
          )}`
        : ''),
  );
  section(
    'terminals',
    model.terminals.length === 0
      ? '<p class="none">none recorded</p>'
      : model.terminals
          .map(
            (session) =>
              `<h3>${e(session.target)} (${e(session.environment)})</h3><p>Opened ${e(shortUtc(session.openedAt))}, duration ${e(formatDuration(session.durationMs))}, ${e(session.ending ?? `exit ${session.exitCode ?? '—'}`)}. Recording <span class="mono">${e(session.recordingFile ?? '—')}</span> sha256 <span class="mono">${e(session.sha256 ?? '—')}</span>; ${session.redactionCount ?? 0} secret(s) masked while recording.${session.recordingIncomplete ? ` <strong>The recording is incomplete:</strong> ${e(session.recordingIncomplete)}` : ''}</p>` +
              table(
                ['At (UTC)', 'Command', 'Exit', 'Duration'],
                session.commands.map((command) => [
                  e(shortUtc(command.at)),
                  `<span class="mono">${e(command.command)}</span>`,
                  command.exitCode === 0 ? '0' : `<span class="failed">${e(command.exitCode ?? '—')}</span>`,
                  e(formatDuration(command.durationMs)),
                ]),
              ),
          )
          .join(''),
  );
  section(
    'incidents',
    table(
      ['Id', 'Severity', 'Status', 'Title', 'Owner', 'Started', 'Mitigated', 'Resolved', 'Summary'],
      model.incidents.map((incident) => [
        e(incident.id),
        `<span class="${e(incident.severity)}">${e(incident.severity.toUpperCase())}</span>`,
        e(incident.status),
        e(incident.title),
        e(incident.owner),
        e(shortUtc(incident.startedAt)),
        e(shortUtc(incident.mitigatedAt)),
        e(shortUtc(incident.resolvedAt)),
        e(incident.summary),
      ]),
    ) +
      `<h3>Hypercare: SLA compliance</h3><p>${model.hypercare.issues.length} issue(s), ${model.hypercare.active} still active.</p>${table(
        ['Clock', 'Met', 'Breached', 'Running', 'Compliance'],
        model.hypercare.compliance.map((row) => [
          e(row.clock),
          String(row.met),
          String(row.breached),
          String(row.running),
          row.percent === null ? '—' : `${row.percent}%`,
        ]),
      )}` +
      `<h3>Hypercare: issues</h3>${table(
        ['Id', 'Severity', 'State', 'Title', 'Customer', 'Contact', 'Remedy', 'Logged', 'Resolved', 'Breached'],
        model.hypercare.issues.map((issue) => [
          e(issue.id),
          `<span class="${e(issue.severity)}">${e(issue.severity.toUpperCase())}</span>`,
          e(issue.state),
          e(issue.title),
          e(issue.customer),
          e(issue.contact ?? ''),
          e(issue.remedy ?? ''),
          e(shortUtc(issue.loggedAt)),
          e(shortUtc(issue.resolvedAt)),
          e(issue.breaches.join(', ')),
        ]),
      )}` +
      `<h3>Decisions</h3>${table(
        ['Seq', 'When (UTC)', 'Who', 'Decision'],
        model.decisions.map((note) => [String(note.seq), e(shortUtc(note.ts)), e(note.actor), e(note.text)]),
      )}` +
      `<h3>Notes</h3>${table(
        ['Seq', 'When (UTC)', 'Who', 'Note'],
        model.notes.map((note) => [String(note.seq), e(shortUtc(note.ts)), e(note.actor), e(note.text)]),
      )}`,
  );
  section(
    'action-items',
    table(
      ['Id', 'Action', 'Owner', 'Status', 'Incident', 'Created'],
      model.actionItems.map((item) => [e(item.id), e(item.text), e(item.owner), e(item.status), e(item.incidentId ?? ''), e(shortUtc(item.createdAt))]),
    ),
  );
  // The timeline is most of a long night's report (50,000 rows): one template per row, no cell arrays.
  section(
    'timeline',
    model.timeline.length === 0
      ? '<p class="none">none recorded</p>'
      : `<table class="timeline"><thead><tr><th>Seq</th><th>UTC</th><th>Who</th><th>Role</th><th>Type</th><th>What</th></tr></thead><tbody>${model.timeline.map(timelineRow).join('')}</tbody></table>`,
  );
  const v = model.verification;
  section(
    'verification',
    `<p class="${v.ok ? 'verify-ok' : 'verify-failed'}">${v.ok ? 'The journal verifies' : `The journal does NOT verify: ${e(v.problem ?? '')}`}</p>` +
      table(['Events', 'Head seq', 'Head hash'], [[String(v.count), String(v.headSeq), `<span class="mono">${e(v.headHash)}</span>`]]) +
      (v.redactedHeadHash ? `<p>Head of the redacted journal in the bundle: <span class="mono">${e(v.redactedHeadHash)}</span></p>` : '') +
      '<p>Check a release folder with <span class="mono">warroom verify &lt;release-folder&gt;</span>.</p>',
  );
  const nav = `<nav><ol>${REPORT_SECTIONS.map((candidate) => `<li><a href="#${candidate.id}">${e(candidate.title)}</a></li>`).join('')}</ol></nav>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Post-release report: ${e(s.name)}</title>
<style>${STYLE}</style></head>
<body><header><h1>Post-release report: ${e(s.name)}${s.version ? ` ${e(s.version)}` : ''}</h1><p>${e(s.mode)} · release zone ${e(s.zone)} · generated ${e(shortUtc(s.generatedAt))}</p></header>
${nav}
${parts.join('\n')}
</body></html>
`;
}

/** One timeline row: one template, no cell arrays (a long night has 50,000 of them). */
function timelineRow(row: ReportTimelineRow): string {
  const { who, role } = actorColumns(row.actor);
  return `<tr><td>${row.seq}</td><td>${e(shortUtc(row.ts))}</td><td>${e(who)}</td><td>${e(role)}</td><td>${e(row.type)}</td><td>${e(row.text)}</td></tr>`;
}
