import type { terminalRequests } from '../../../contract/requests/terminal-requests';
import { RELEASE_EVENTS, type ReleaseMetaEvent, type Target } from '../../../contract/domain/release/release-meta';
import { WarRoomError } from '../../../contract/domain/errors';
import type { HandlerGroup } from '../handler-types';
import { liveActionFindings } from '../schedule-context';
import { importRecording, listRecordings, readRecording } from '../../pty/recordings';

/** Terminals (open, attach, write, flow control), targets and recordings of a release. */
export const terminalHandlers: HandlerGroup<keyof typeof terminalRequests> = {
  'terminal.open': async (input, services, context) => {
    const release = await services.release(input.slug);
    const target = release.state.meta?.targets.find((candidate) => candidate.id === input.targetId);
    // A live terminal on production keeps to the schedule, as a live run does.
    const findings = target?.environment === 'production' ? await liveActionFindings(services, release, `A terminal on ${target.name}`) : [];
    return (await services.terminals(input.slug)).open(
      context.actor,
      input.targetId,
      {
        ...(input.cols === undefined ? {} : { cols: input.cols }),
        ...(input.rows === undefined ? {} : { rows: input.rows }),
      },
      {
        policy: {
          findings,
          ...(input.override ? { override: input.override } : {}),
          hold: (reason) =>
            services.approvals.hold(release, context, {
              action: 'terminal.open',
              input,
              summary: `a terminal on production target ${target?.name ?? input.targetId} outside the schedule policy`,
              reason,
              carryOut: (approved) => terminalHandlers['terminal.open'](input, services, approved),
            }),
        },
      },
    );
  },
  'terminal.list': async (input, services) => (await services.terminals(input.slug)).list(),
  'terminal.attach': async (input, services, context) =>
    (await services.terminals(input.slug)).attach(input.sessionId, context.connection, input.attachmentId, input.mode),
  'terminal.detach': async (input, services, context) => {
    (await services.terminals(input.slug)).detach(input.sessionId, input.attachmentId, context.connection);
    return null;
  },
  'terminal.write': async (input, services, context) => {
    (await services.terminals(input.slug)).write(input.sessionId, input.data, context.connection);
    return null;
  },
  'terminal.resize': async (input, services, context) => {
    (await services.terminals(input.slug)).resize(input.sessionId, input.cols, input.rows, context.connection);
    return null;
  },
  'terminal.kill': async (input, services, context) => {
    await (await services.terminals(input.slug)).kill(input.sessionId, context.actor);
    return null;
  },
  'terminal.close': async (input, services, context) => {
    await (await services.terminals(input.slug)).close(input.sessionId, context.actor);
    return null;
  },
  'target.save': async (input, services, context) => {
    const release = await services.release(input.slug);
    const target: Target = input.target;
    await release.execute(context.actor, (state) => {
      if (!state.meta) throw new WarRoomError('conflict', 'The release has not been created yet.');
      const before = state.meta.targets.find((existing) => existing.id === target.id);
      if (before && JSON.stringify(before) === JSON.stringify(target)) return [];
      return [{ type: RELEASE_EVENTS.targetSaved, data: target }] satisfies ReleaseMetaEvent[];
    });
    return target;
  },
  'targetLibrary.list': async (_input, services) => (await services.targetLibrary()).list(),
  'targetLibrary.save': async (input, services, context) => (await services.targetLibrary()).save(context.actor, input.target),
  'targetLibrary.remove': async (input, services) => {
    await (await services.targetLibrary()).remove(input.id);
    return null;
  },
  'recording.list': async (input, services) => {
    const release = await services.release(input.slug);
    return listRecordings(release.paths.recordings, (await services.terminals(input.slug)).liveRecordings());
  },
  'recording.read': async (input, services) => {
    const release = await services.release(input.slug);
    return readRecording(release.paths.recordings, input.file, release.events());
  },
  'recording.import': async (input, services) => importRecording((await services.release(input.slug)).paths.recordings, input.name, input.content),
};
