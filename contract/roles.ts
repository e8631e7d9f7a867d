import type { Permission } from './participants';
import type { RequestName } from './requests';

/**
 * The permission every request of the contract needs (contract/participants.ts says which
 * role holds which). Main refuses anything else with a typed `forbidden` error before the
 * handler runs. `satisfies Record<RequestName, ...>`: a request added to the contract
 * without an entry here does not compile, and test/contract/roles.test.ts checks the
 * table against `requestDefinitions` at run time as well.
 *
 * Reads that return content (exports as text, previews) are `read`; anything that writes
 * the workspace, names a path on the host, imports a file, changes redaction, starts
 * processes or manages people is `manage`.
 */
export const REQUEST_PERMISSIONS = {
  'app.info': 'read',
  'app.setOperator': 'manage',
  'release.list': 'read',
  'release.get': 'read',
  'release.create': 'manage',
  'release.update': 'manage',
  'journal.list': 'read',
  'journal.page': 'read',
  'journal.verify': 'read',
  'note.add': 'note',
  'checklist.phase.add': 'manage',
  'checklist.item.add': 'manage',
  'checklist.item.edit': 'manage',
  'checklist.item.move': 'manage',
  'checklist.item.status': 'operate',
  'checklist.item.evidence': 'operate',
  'checklist.template.import': 'manage',
  'checklist.template.export': 'read',
  'checklist.templates.builtin': 'read',
  'checklist.due-times': 'read',
  'poll.open': 'manage',
  'poll.criteria.set': 'manage',
  'poll.participants.set': 'manage',
  'poll.vote': 'vote',
  'poll.decide': 'manage',
  'poll.reset': 'manage',
  'poll.gates': 'read',
  'risk.add': 'manage',
  'risk.update': 'manage',
  'risk.transition': 'manage',
  'risk.close': 'manage',
  'risk.delete': 'manage',
  'risk.history': 'read',
  'risk.import-preview': 'manage',
  'risk.import-commit': 'manage',
  'risk.export': 'read',
  'risk.go-no-go': 'read',
  'playbook.list': 'read',
  'playbook.import': 'manage',
  'run.preflight': 'read',
  'playbook.add-sandbox': 'manage',
  'run.start': 'manage',
  'run.active': 'read',
  'run.decide': 'operate',
  'run.confirm': 'operate',
  'run.approve': 'operate',
  'run.answer': 'operate',
  'run.abort': 'operate',
  'run.resolve-interruption': 'manage',
  'run.estimate': 'read',
  'run.log': 'read',
  'schedule.status': 'read',
  'schedule.setWindow': 'manage',
  'schedule.setPods': 'manage',
  'schedule.override': 'manage',
  'schedule.calendar': 'read',
  'schedule.exportIcs': 'read',
  'calendar.get': 'read',
  'calendar.addBlackout': 'manage',
  'calendar.removeBlackout': 'manage',
  'calendar.setFridayRule': 'manage',
  'calendar.importIcs': 'manage',
  'terminal.open': 'manage',
  'terminal.list': 'read',
  'terminal.attach': 'read',
  'terminal.detach': 'read',
  'terminal.write': 'terminal',
  'terminal.resize': 'terminal',
  'terminal.kill': 'manage',
  'terminal.close': 'manage',
  'target.save': 'manage',
  'targetLibrary.list': 'read',
  'targetLibrary.save': 'manage',
  'targetLibrary.remove': 'manage',
  'recording.list': 'read',
  'recording.read': 'read',
  'recording.import': 'manage',
  'incident.open': 'operate',
  'incident.update': 'operate',
  'action-item.add': 'operate',
  'action-item.update': 'operate',
  'report.preview': 'read',
  'report.review': 'read',
  'report.redaction-save': 'manage',
  'report.finding-allow': 'manage',
  'report.export': 'manage',
  'bundle.export': 'manage',
  'bundle.import': 'manage',
  'participant.invite': 'manage',
  'participant.list': 'manage',
  'participant.revoke': 'manage',
  'share.info': 'read',
  'presence.list': 'read',
  'presence.report': 'read',
  // Following: an observer's invite is enough to keep a replica (issue 15, item 8); the
  // hello only tells the host where its follower can be reached back (in memory).
  'journal.since': 'read',
  'follow.hello': 'read',
  'follow.status': 'read',
  'release.handover': 'manage',
  'release.take-over': 'manage',
  // Following from the app connects this War Room out and writes a release: the host's own
  // user only (the handlers refuse invited participants too); who follows is the host's business.
  'follow.preview': 'manage',
  'follow.start': 'manage',
  'follow.stop': 'manage',
  'follow.followers': 'manage',
  // A remedy (flag off, fix forward, roll back) changes production: the release manager's call.
  'telemetry.remedy': 'manage',
  'telemetry.bake.start': 'manage',
  'telemetry.bake.stop': 'manage',
  'telemetry.bake.decide': 'manage',
  // Hypercare: anyone who may write notes may log a post-release issue (issue 18: participants
  // log them too); operators move the ones they work on; the release manager triages
  // (assigns the point of contact) and sets the SLAs; the comms role (or the release manager)
  // approves what leaves as a status update; where it goes (channel settings) is the release manager's.
  'hypercare.lane': 'read',
  'hypercare.issue-log': 'note',
  'hypercare.issue-triage': 'manage',
  'hypercare.issue-move': 'operate',
  'hypercare.sla-get': 'read',
  'hypercare.sla-save': 'manage',
  'comms.channels': 'read',
  'comms.preview': 'read',
  'comms.approve': 'communicate',
  'comms.outbox': 'read',
  'comms.channels-save': 'manage',
  // The plan: everyone sees the Gantt and the forecast; the release manager shapes the plan.
  'plan.get': 'read',
  'plan.compare-runs': 'read',
  'plan.set-dependencies': 'manage',
  'plan.set-duration': 'manage',
  'plan.add-playbook': 'manage',
  'plan.adopt-rehearsal': 'manage',
  'plan.trains': 'read',
  'plan.set-release-dependencies': 'manage',
  'approval.list': 'read',
  // Four-eyes on policy overrides: only those who may override (release managers) approve one.
  'approval.decide': 'manage',
  // The desktop app's Share switch: the host's own window only (the handler refuses participants).
  'share.start': 'manage',
  'share.stop': 'manage',
} as const satisfies Record<RequestName, Permission>;

export function permissionFor(name: RequestName): Permission {
  return REQUEST_PERMISSIONS[name];
}
