import { join } from 'node:path';
import type { Workspace } from '../core/workspace/workspace';
import type { Release } from '../core/release/release';
import { WorkspaceCalendar } from '../core/workspace/workspace-calendar';
import { WorkspaceTargets, targetLibraryFile } from '../core/workspace/workspace-targets';
import type { WarRoomEvent } from '../../contract/events';
import { releaseDelta } from '../../contract/release-delta';
import { EventBus } from './event-bus';
import { RunService } from './playbooks/run-service';
import { ReleaseTerminals } from './release-terminals';
import { WorkspaceParticipants } from '../core/workspace/workspace-participants';
import { Presence } from './presence';
import { HypercareService } from './hypercare-service';
import { CommsService } from './comms-service';
import { watchBakes } from './bake-watch';
import { watchPlanForecast } from './plan-watch';
import { Approvals } from './approvals';

/** Where participants connect: the listen origin (`https://HOST:PORT`) and the certificate's fingerprint. */
export interface Hosting {
  origin: string | null;
  fingerprint: string | null;
  /** The desktop app's sharing switch (main/transport/hosting.ts `desktopSharing`); absent under `warroom web`. */
  control?: { start(): Promise<unknown>; stop(): Promise<void> };
}

export type { CallContext } from './call-context';

/** The services behind the contract: one workspace, one event bus, and facts of the runtime. */
export interface Services {
  readonly workspace: Workspace;
  readonly events: EventBus;
  readonly runtime: 'electron' | 'browser';
  readonly version: string;
  readonly assetsDir: string;
  /** Playbook runs: hosted here, answered through requests. */
  readonly runs: RunService;
  /** Who is connected (browser mode), pushed as presence.changed. */
  readonly presence: Presence;
  /** Policy overrides held for four-eyes approval. */
  readonly approvals: Approvals;
  /** How other machines reach this host; set by `warroom web` once it listens. */
  readonly hosting: Hosting;
  /** The invited people of the workspace, opened once. */
  participants(): Promise<WorkspaceParticipants>;
  /** Hypercare: SLA settings and the watchers that journal breaches. */
  readonly hypercare: HypercareService;
  /** Status updates: the workspace's channels and each release's outbox. */
  readonly comms: CommsService;
  /** Opens a release and makes sure its changes reach the event bus once. */
  release(slug: string): Promise<Release>;
  /** The workspace calendar (blackouts, Friday rule), opened once; its changes reach the event bus. */
  calendar(): Promise<WorkspaceCalendar>;
  /** The workspace's target library, opened once; its changes reach the event bus. */
  targetLibrary(): Promise<WorkspaceTargets>;
  /** The terminals of a release (sessions, recordings), created on first use. */
  terminals(slug: string): Promise<ReleaseTerminals>;
  dispose(): Promise<void>;
}

export interface ServicesOptions {
  readonly workspace: Workspace;
  readonly runtime: 'electron' | 'browser';
  readonly version: string;
  readonly assetsDir: string;
  /** How to run Node scripts (Electron runs itself as Node); defaults to this process. */
  readonly node?: { readonly execPath: string; readonly env: NodeJS.ProcessEnv };
}

export function createServices(options: ServicesOptions): Services {
  const events = new EventBus();
  const wired = new WeakSet<Release>();
  const unsubscribers: (() => void)[] = [];
  const runs = new RunService({ events, assetsDir: options.assetsDir, node: options.node ?? { execPath: process.execPath, env: process.env } });
  const terminals = new Map<string, Promise<ReleaseTerminals>>();
  const comms = new CommsService(options.workspace.dir, options.workspace.settings.operator);
  const hypercare = new HypercareService(options.workspace.dir, options.workspace.settings.operator, (message) => options.workspace.warnings.push(message));
  /** A workspace document opened on first use (again after a failed open), its warnings and changes wired. */
  const openOnce = <Document extends { readonly warnings: readonly string[]; onChange(listener: () => void): () => void }>(
    open: () => Promise<Document>,
    changed: WarRoomEvent,
  ): (() => Promise<Document>) => {
    let opened: Promise<Document> | null = null;
    return () => {
      if (!opened) {
        const opening = open().then((document) => {
          options.workspace.warnings.push(...document.warnings);
          unsubscribers.push(document.onChange(() => events.publish(changed)));
          return document;
        });
        opening.catch(() => {
          if (opened === opening) opened = null;
        });
        opened = opening;
      }
      return opened;
    };
  };
  const calendar = openOnce(() => WorkspaceCalendar.open(join(options.workspace.dir, 'calendar'), Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'), {
    type: 'calendar.changed',
    payload: {},
  });
  const targetLibrary = openOnce(() => WorkspaceTargets.open(targetLibraryFile(options.workspace.dir)), { type: 'targets.changed', payload: {} });
  let participants: Promise<WorkspaceParticipants> | null = null;
  return {
    ...options,
    events,
    runs,
    presence: new Presence(events),
    approvals: new Approvals(),
    hosting: { origin: null, fingerprint: null },
    participants() {
      if (!participants) {
        const opening = WorkspaceParticipants.open(options.workspace.dir);
        opening.catch(() => {
          if (participants === opening) participants = null;
        });
        participants = opening;
      }
      return participants;
    },
    hypercare,
    comms,
    async release(slug) {
      const release = await options.workspace.get(slug);
      if (!wired.has(release)) {
        wired.add(release);
        // The live view: every client applies the slices that changed since the last publish (contract/release-delta.ts).
        let published = release.state;
        unsubscribers.push(
          release.onChange((journaled, state) => {
            const delta = releaseDelta(slug, published, state, release.head, journaled.length === 0);
            published = state;
            if (journaled.length > 0) events.publish({ type: 'journal.appended', payload: { slug, events: journaled } });
            events.publish({ type: 'release.changed', payload: delta });
          }),
        );
        // The plan's forecast warnings are journaled the moment they happen (main/api/plan-watch.ts).
        // Runs the journal still calls "running" were cut off when the app last stopped;
        // the outbox sends and the SLA clocks journal breaches. Not on a replica: all of that
        // happens on the host, and a replica journals nothing of its own.
        if (!release.follow) {
          unsubscribers.push(watchPlanForecast(release, options.workspace.settings.operator));
          // A bake started before a restart goes on (main/api/bake-watch.ts).
          unsubscribers.push(watchBakes(release, options.workspace.settings.operator));
          await runs
            .recover(release, options.workspace.settings.operator)
            .catch((error: unknown) => console.error(`warroom: could not mark the interrupted runs of ${slug}`, error));
          await comms.outbox(release).catch((error: unknown) => console.error(`warroom: could not start the outbox of ${slug}`, error));
          await hypercare.watch(release).catch((error: unknown) => console.error(`warroom: could not start the SLA clocks of ${slug}`, error));
        }
      }
      return release;
    },
    calendar,
    targetLibrary,
    terminals(slug) {
      let created = terminals.get(slug);
      if (!created) {
        created = this.release(slug).then(
          (release) => new ReleaseTerminals(release, events, { shellIntegrationDir: join(options.assetsDir, 'shell-integration') }),
        );
        terminals.set(slug, created);
        created.catch(() => terminals.delete(slug));
      }
      return created;
    },
    async dispose() {
      // Sessions end first: their "session closed" events must reach the journal before it closes.
      const opened = await Promise.allSettled([...terminals.values()]);
      terminals.clear();
      await Promise.all(opened.map((result) => (result.status === 'fulfilled' ? result.value.shutdown() : undefined)));
      await runs.dispose();
      hypercare.dispose();
      comms.dispose();
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      await options.workspace.close();
    },
  };
}
