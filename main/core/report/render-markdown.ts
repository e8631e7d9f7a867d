import type { ReportHeatMap, ReportModel } from '../../../contract/domain/report/report-model';
import { REPORT_SECTIONS, actorColumns, formatDuration, shortUtc } from './report-format';

/**
 * Escape text for Markdown so that it stays text: no HTML, no links, no emphasis, no
 * table breaks. `<` and `>` become entities; markdown punctuation is backslash-escaped;
 * line breaks become spaces inside tables.
 */
export function mdText(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return String(value)
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()+!|~])/g, '\\$1');
}

function table(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  if (rows.length === 0) return '_none recorded_\n';
  const head = `| ${headers.join(' | ')} |\n| ${headers.map(() => '---').join(' | ')} |\n`;
  return head + rows.map((row) => `| ${row.map(mdText).join(' | ')} |`).join('\n') + '\n';
}

function heat(map: ReportHeatMap): string {
  const rows = [5, 4, 3, 2, 1].map((likelihood) => [`L${likelihood}`, ...[1, 2, 3, 4, 5].map((impact) => map.counts[likelihood - 1]?.[impact - 1] ?? 0)]);
  return `${mdText(map.label)} (${map.total} risks; rows likelihood, columns impact 1-5)\n\n${table(['', 'I1', 'I2', 'I3', 'I4', 'I5'], rows)}`;
}

/** The report as Markdown: every section, all text escaped. */
export function renderMarkdown(model: ReportModel): string {
  const title = (id: (typeof REPORT_SECTIONS)[number]['id']) => `\n## ${REPORT_SECTIONS.find((section) => section.id === id)!.title}\n\n`;
  const s = model.summary;
  let out = `# Post-release report: ${mdText(s.name)}${s.version ? ` ${mdText(s.version)}` : ''}\n`;
  if (model.verification.handedOverPartial)
    out += `\n> **${mdText(model.verification.handedOverPartial)}** (from the partial bundle this release was imported from)\n`;
  if (!model.verification.ok)
    out += `\n> **PARTIAL:** the journal does not verify from seq ${model.verification.headSeq + 1} (${mdText(model.verification.problem)}). This report covers seq 1 to ${model.verification.headSeq} only; what came after is not in it.\n`;
  out += title('summary');
  out += `- **Outcome:** ${mdText(s.outcomeLabel)} (${mdText(s.outcomeWhy)})\n- **Mode:** ${mdText(s.mode)}\n- **Release zone:** ${mdText(s.zone)}\n- **Created by:** ${mdText(s.createdBy)}\n- **Generated:** ${mdText(shortUtc(s.generatedAt))}\n- **Secrets masked in this export:** ${model.redactionCount}\n`;
  if (s.description) out += `\n${mdText(s.description)}\n`;
  out += title('times');
  out += table(
    ['', ...model.times.zones.flatMap((zone) => [`planned (${zone})`, `actual (${zone})`])],
    model.times.rows.map((row) => [
      row.label,
      ...model.times.zones.flatMap((zone) => [row.planned?.zones.find((z) => z.zone === zone)?.text, row.actual?.zones.find((z) => z.zone === zone)?.text]),
    ]),
  );
  if (model.times.pods.length > 0)
    out += `\nPods: ${model.times.pods.map((pod) => `${mdText(pod.name)} (${mdText(pod.zone)}, ${mdText(pod.hours)})`).join('; ')}\n`;
  out += title('go-no-go');
  if (model.polls.length === 0) out += '_none recorded_\n';
  for (const poll of model.polls) {
    out += `### Poll ${mdText(poll.pollId)}: ${mdText(poll.outcome ?? 'undecided')}\n\nOpened by ${mdText(poll.openedBy)} at ${mdText(shortUtc(poll.openedAt))}; decided by ${mdText(poll.decidedBy)} at ${mdText(shortUtc(poll.decidedAt))}. ${poll.note ? `Note: ${mdText(poll.note)}` : ''}\n\n`;
    for (const override of poll.overrides)
      out += `> **GATE OVERRIDDEN** by ${mdText(override.by)} at ${mdText(shortUtc(override.at))}: ${mdText(override.reason)} (blockers: ${override.blockers.map(mdText).join('; ')})\n\n`;
    out += table(
      ['Participant', 'Role', 'Required', 'Vote', 'Dissent', 'Comment', 'Cast by', 'At'],
      poll.votes.map((vote) => [
        vote.participant,
        vote.role,
        vote.required ? 'yes' : 'no',
        vote.value,
        vote.dissent ? 'DISSENT' : '',
        vote.comment,
        vote.castBy,
        shortUtc(vote.castAt),
      ]),
    );
    if (poll.changedVotes > 0) out += `\n${poll.changedVotes} vote(s) were changed before the decision.\n`;
  }
  out += title('checklist');
  out += `${model.checklist.done} of ${model.checklist.total} items done or not applicable; ${model.checklist.overdue} overdue.\n\n`;
  out += table(
    ['Phase', 'Item', 'Status', 'Owner', 'Due', 'Overdue', 'By', 'When'],
    model.checklist.items.map((item) => [
      item.phase,
      item.title,
      item.status,
      item.owner,
      item.due,
      item.overdue ? 'OVERDUE' : '',
      item.updatedBy,
      shortUtc(item.updatedAt),
    ]),
  );
  out += title('risks');
  out += model.risks.atGoNoGo ? heat(model.risks.atGoNoGo) : '_No go/no-go decision: no heat map at go/no-go._\n';
  out += `\n${heat(model.risks.atClose)}\n**Occurred risks**\n\n${table(
    ['Id', 'Title', 'Score', 'Owner'],
    model.risks.occurred.map((risk) => [risk.id, risk.title, risk.score, risk.owner]),
  )}\n**Register**\n\n${table(
    ['Id', 'Title', 'Status', 'Score', 'Owner', 'Mitigation'],
    model.risks.all.map((risk) => [risk.id, risk.title, risk.status, risk.score, risk.owner, risk.mitigation]),
  )}`;
  out += title('runs');
  if (model.runs.length === 0) out += '_none recorded_\n';
  for (const run of model.runs) {
    out += `### ${mdText(run.playbook)} (${mdText(run.mode)}): ${mdText(run.outcome)}\n\nStarted by ${mdText(run.startedBy)} at ${mdText(shortUtc(run.startedAt))}, duration ${formatDuration(run.durationMs)}. Log ${mdText(run.logFile)} sha256 ${mdText(run.logSha256)}\n\n`;
    for (const skipped of run.skipped)
      out += `- Step ${skipped.step} (${mdText(skipped.name)}) was skipped by ${mdText(skipped.by)}: ${mdText(skipped.reason)}\n`;
    if (run.skipped.length > 0) out += '\n';
    out += table(
      ['#', 'Step', 'Kind', 'Status', 'Attempts', 'Duration', 'Planned', 'Exit', 'Failure', 'Operator choices'],
      run.steps.map((step, index) => [
        index + 1,
        step.name,
        step.kind,
        step.status,
        step.attempts,
        formatDuration(step.durationMs),
        formatDuration(step.plannedMs),
        step.exitCode,
        step.failure,
        step.choices.join('; '),
      ]),
    );
    for (const step of run.steps.filter((candidate) => candidate.measurements && candidate.measurements.length > 0)) {
      out += `\n**${mdText(step.name)}**: ${(step.measurements ?? [])
        .map(
          (measurement, index) =>
            `#${index + 1} ${mdText(measurement.query)} = ${measurement.value ?? 'no value'}${measurement.baseline === null ? '' : ` (baseline ${measurement.baseline})`}: ${measurement.phase}`,
        )
        .join('; ')}\n`;
    }
    out += '\n';
  }
  if (model.rehearsalVsLive.length > 0)
    out += `**Rehearsal vs live**\n\n${table(
      ['Playbook', 'Rehearsal', 'Live'],
      model.rehearsalVsLive.map((row) => [row.playbook, formatDuration(row.rehearsalMs), formatDuration(row.liveMs)]),
    )}`;
  out += title('terminals');
  if (model.terminals.length === 0) out += '_none recorded_\n';
  for (const session of model.terminals) {
    out += `### ${mdText(session.target)} (${mdText(session.environment)})\n\nOpened ${mdText(shortUtc(session.openedAt))}, duration ${formatDuration(session.durationMs)}, ${mdText(session.ending ?? `exit ${session.exitCode ?? '—'}`)}. Recording ${mdText(session.recordingFile)} sha256 ${mdText(session.sha256)}; ${session.redactionCount ?? 0} secret(s) masked while recording.${session.recordingIncomplete ? ` **The recording is incomplete:** ${mdText(session.recordingIncomplete)}` : ''}\n\n`;
    out += table(
      ['At', 'Command', 'Exit', 'Duration'],
      session.commands.map((command) => [shortUtc(command.at), command.command, command.exitCode, formatDuration(command.durationMs)]),
    );
  }
  out += title('incidents');
  out += table(
    ['Id', 'Sev', 'Status', 'Title', 'Owner', 'Started', 'Mitigated', 'Resolved', 'Summary'],
    model.incidents.map((incident) => [
      incident.id,
      incident.severity,
      incident.status,
      incident.title,
      incident.owner,
      shortUtc(incident.startedAt),
      shortUtc(incident.mitigatedAt),
      shortUtc(incident.resolvedAt),
      incident.summary,
    ]),
  );
  out += `\n**Hypercare: SLA compliance** (${model.hypercare.issues.length} issue(s), ${model.hypercare.active} still active)\n\n${table(
    ['Clock', 'Met', 'Breached', 'Running', 'Compliance'],
    model.hypercare.compliance.map((row) => [row.clock, row.met, row.breached, row.running, row.percent === null ? '—' : `${row.percent}%`]),
  )}`;
  out += `\n**Hypercare: issues**\n\n${table(
    ['Id', 'Sev', 'State', 'Title', 'Customer', 'Contact', 'Remedy', 'Logged', 'Resolved', 'Breached'],
    model.hypercare.issues.map((issue) => [
      issue.id,
      issue.severity,
      issue.state,
      issue.title,
      issue.customer,
      issue.contact,
      issue.remedy,
      shortUtc(issue.loggedAt),
      shortUtc(issue.resolvedAt),
      issue.breaches.join(', '),
    ]),
  )}`;
  out += `\n**Decisions**\n\n${table(
    ['Seq', 'When', 'Who', 'Decision'],
    model.decisions.map((note) => [note.seq, shortUtc(note.ts), note.actor, note.text]),
  )}`;
  out += `\n**Notes**\n\n${table(
    ['Seq', 'When', 'Who', 'Note'],
    model.notes.map((note) => [note.seq, shortUtc(note.ts), note.actor, note.text]),
  )}`;
  out += title('action-items');
  out += table(
    ['Id', 'Action', 'Owner', 'Status', 'Incident', 'Created'],
    model.actionItems.map((item) => [item.id, item.text, item.owner, item.status, item.incidentId, shortUtc(item.createdAt)]),
  );
  out += title('timeline');
  out += table(
    ['Seq', 'UTC', 'Who', 'Role', 'Type', 'What'],
    model.timeline.map((row) => {
      const { who, role } = actorColumns(row.actor);
      return [row.seq, shortUtc(row.ts), who, role, row.type, row.text];
    }),
  );
  out += title('verification');
  const v = model.verification;
  out += `- **Result:** ${v.ok ? 'OK' : `FAILED: ${mdText(v.problem)}`}\n- **Events:** ${v.count}\n- **Head:** seq ${v.headSeq}, hash \`${v.headHash}\`\n${v.redactedHeadHash ? `- **Head of the redacted journal in the bundle:** \`${v.redactedHeadHash}\`\n` : ''}\nCheck with: \`warroom verify <release-folder>\`\n`;
  return out;
}
