import type { Services } from '../services';
import type { Follower } from './follower';

/** A follower connected to this host: who it said it is, and how to reach it back. */
export interface ConnectedFollower {
  readonly connectionId: string;
  readonly slug: string;
  readonly name: string;
  readonly link: string | null;
  readonly since: string;
}

interface Registry {
  /** Followers connected to this process as a host, by connection id. */
  readonly connected: Map<string, ConnectedFollower>;
  /** Followers this process runs, by the slug of the release they replicate. */
  readonly running: Map<string, Follower>;
}

const registries = new WeakMap<Services, Registry>();

/**
 * The follow state of one set of services, kept beside them (not in them): who follows
 * this host, and which replicas this process keeps. Dropped with the services.
 */
export function followRegistry(services: Services): Registry {
  let registry = registries.get(services);
  if (!registry) {
    registry = { connected: new Map(), running: new Map() };
    registries.set(services, registry);
  }
  return registry;
}
