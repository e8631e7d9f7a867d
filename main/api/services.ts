import { join } from 'node:path';
import type { Workspace } from '../core/workspace/workspace';
import type { Release } from '../core/release/release';
import { EventBus } from './event-bus';
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
  /** Opens a release and makes sure its changes reach the event bus once. */
  release(slug: string): Promise<Release>;
  /** The terminals of a release (sessions, recordings), created on first use. */
  terminals(slug: string): Promise<ReleaseTerminals>;
  dispose(): Promise<void>;
}

export interface ServicesOptions {
  readonly workspace: Workspace;
  readonly runtime: 'electron' | 'browser';
  readonly version: string;
  readonly assetsDir: string;
}

export function createServices(options: ServicesOptions): Services {
  const events = new EventBus();
  const wired = new WeakSet<Release>();
  const unsubscribers: (() => void)[] = [];
  const terminals = new Map<string, Promise<ReleaseTerminals>>();
  return {
    ...options,
    events,
    async release(slug) {
      const release = await options.workspace.get(slug);
      if (!wired.has(release)) {
        wired.add(release);
        unsubscribers.push(release.onChange((journaled) => events.publish({ type: 'journal.appended', payload: { slug, events: journaled } })));
      }
      return release;
    },
    terminals(slug) {
      let created = terminals.get(slug);
      if (!created) {
        created = this.release(slug).then((release) => new ReleaseTerminals(release, events, { shellIntegrationDir: join(options.assetsDir, 'shell-integration') }));
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
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      await options.workspace.close();
    },
  };
}
