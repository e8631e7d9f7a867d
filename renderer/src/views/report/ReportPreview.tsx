import type { ReportModel } from '../../../../contract/models';

/** A compact preview of every report section: the facts a reader checks first. */
export function ReportPreview({ model }: { model: ReportModel }) {
  const s = model.summary;
  const lastPoll = model.polls.at(-1);
  const overrides = model.polls.reduce((count, poll) => count + poll.overrides.length, 0);
  const failedSteps = model.runs.reduce((count, run) => count + run.steps.filter((step) => step.status === 'failed').length, 0);
  const commands = model.terminals.reduce((count, session) => count + session.commands.length, 0);
  const cards: { id: string; title: string; body: string; alert?: boolean }[] = [
    { id: 'summary', title: 'Summary', body: `${s.outcomeLabel.toUpperCase()}: ${s.outcomeWhy}` },
    { id: 'times', title: 'Planned vs actual', body: `${model.times.zones.join(', ')}; ${model.times.pods.length} pod(s)` },
    {
      id: 'go-no-go',
      title: 'Go/no-go',
      body: lastPoll
        ? `${model.polls.length} poll(s); last ${lastPoll.outcome ?? 'undecided'}, ${lastPoll.votes.filter((vote) => vote.dissent).length} dissent${overrides > 0 ? `; ${overrides} GATE OVERRIDE(S)` : ''}`
        : 'none recorded',
      alert: overrides > 0,
    },
    {
      id: 'checklist',
      title: 'Checklist',
      body: `${model.checklist.done}/${model.checklist.total} done, ${model.checklist.overdue} overdue`,
      alert: model.checklist.overdue > 0,
    },
    {
      id: 'risks',
      title: 'Risks',
      body: `${model.risks.all.length} in the register, ${model.risks.occurred.length} occurred${model.risks.atGoNoGo ? '' : '; no go/no-go heat map'}`,
    },
    {
      id: 'runs',
      title: 'Playbook runs',
      body: model.runs.length ? `${model.runs.length} run(s), ${failedSteps} failed step(s)` : 'none recorded',
      alert: failedSteps > 0,
    },
    {
      id: 'terminals',
      title: 'Terminal sessions',
      body: model.terminals.length ? `${model.terminals.length} session(s), ${commands} command(s)` : 'none recorded',
    },
    {
      id: 'incidents',
      title: 'Incidents and decisions',
      body: `${model.incidents.length} incident(s) (${model.incidents.filter((incident) => incident.status !== 'resolved').length} not resolved), ${model.decisions.length} decision(s), ${model.notes.length} note(s)`,
    },
    {
      id: 'action-items',
      title: 'Action items',
      body: model.actionItems.length
        ? `${model.actionItems.filter((item) => item.status === 'open').length} open of ${model.actionItems.length}`
        : 'none recorded',
    },
    { id: 'timeline', title: 'Timeline', body: `${model.timeline.length} events` },
    {
      id: 'verification',
      title: 'Journal verification',
      body: `${model.verification.ok ? 'OK' : `FAILED: ${model.verification.problem ?? ''}`} · head seq ${model.verification.headSeq} · ${model.verification.headHash.slice(0, 16)}…`,
      alert: !model.verification.ok,
    },
  ];
  return (
    <div className="report-preview" data-testid="report-preview">
      {cards.map((card) => (
        <div key={card.id} className={`report-card ${card.alert ? 'alert' : ''}`} data-testid={`report-section-${card.id}`}>
          <h3>{card.title}</h3>
          <p>{card.body}</p>
        </div>
      ))}
    </div>
  );
}
