import { join } from 'node:path';
import type { Workspace } from '../core/workspace/workspace';
import type { Release } from '../core/release/release';
import { WorkspaceCalendar } from '../core/workspace/workspace-calendar';
import { EventBus } from './event-bus';
import { RunService } from './playbooks/run-service';
import type { ClientConnection } from './release-terminals';
import { ReleaseTerminals } from './release-terminals';

/** Who calls: the operator name recorded in the journal, and which transport carried it. */
export interface CallContext {
  readonly actor: string;
  readonly transport: 'ipc' | 'websocket' | 'cli' | 'test';
  /** The client that calls (terminal panels detach when it goes away). */
  readonly connection?: ClientConnection;
}

/** The services behind the contract: one workspace, one event bus, and facts of the runtime. */
export interface Services {
  readonly workspace: Workspace;
  readonly events: EventBus;
  readonly runtime: 'electron' | 'browser';
  readonly version: string;
  readonly assetsDir: string;
  /** Playbook runs: hosted here, answered through requests. */
  readonly runs: RunService;
  /** Opens a release and makes sure its changes reach the event bus once. */
  release(slug: string): Promise<Release>;
  /** The workspace calendar (blackouts, Friday rule), opened once; its changes reach the event bus. */
  calendar(): Promise<WorkspaceCalendar>;
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
  let calendar: Promise<WorkspaceCalendar> | null = null;
  const runs = new RunService({ events, assetsDir: options.assetsDir, node: options.node ?? { execPath: process.execPath, env: process.env } });
  const terminals = new Map<string, Promise<ReleaseTerminals>>();
  return {
    ...options,
    events,
    runs,
    async release(slug) {
      const release = await options.workspace.get(slug);
      if (!wired.has(release)) {
        wired.add(release);
        unsubscribers.push(release.onChange((journaled) => events.publish({ type: 'journal.appended', payload: { slug, events: journaled } })));
        // Runs the journal still calls "running" were cut off when the app last stopped.
        await runs
          .recover(release, options.workspace.settings.operator)
          .catch((error: unknown) => console.error(`warroom: could not mark the interrupted runs of ${slug}`, error));
      }
      return release;
    },
    calendar() {
      if (!calendar) {
        const opening = WorkspaceCalendar.open(join(options.workspace.dir, 'calendar'), Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC').then(
          (opened) => {
            options.workspace.warnings.push(...opened.warnings);
            unsubscribers.push(opened.onChange(() => events.publish({ type: 'calendar.changed', payload: {} })));
            return opened;
          },
        );
        opening.catch(() => {
          if (calendar === opening) calendar = null;
        });
        calendar = opening;
      }
      return calendar;
    },
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
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      await options.workspace.close();
    },
  };
}
