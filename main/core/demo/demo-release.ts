import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { RELEASE_EVENTS, createReleaseEvents, type ReleaseDefinition, type ReleaseMetaEvent } from '../../../contract/domain/release/release-meta';
import type { Workspace } from '../workspace/workspace';
import { applyTemplate } from '../checklist/checklist-commands';
import { openPoll } from '../go-no-go/poll-commands';
import { addRisk } from '../risks/risks-commands';
import { setPods, setWindow } from '../schedule/schedule-commands';
import { instantMs, resolveLocal, toLocal } from '../../../contract/domain/schedule/local-time';
import type { Fold } from '../../../contract/domain/schedule/local-time';
import type { Pod } from '../../../contract/domain/schedule/schedule-schemas';
import { addSandboxTarget } from './sandbox-target';

export interface DemoOptions {
  /** The assets folder (sandbox service, playbooks, templates). */
  readonly assetsDir: string;
  /** A Node binary and the environment that makes it behave as Node (Electron: ELECTRON_RUN_AS_NODE). */
  readonly node: { readonly execPath: string; readonly env: NodeJS.ProcessEnv };
  /** Who the journal says created it. */
  readonly actor: string;
  readonly now?: DateTime;
}

/**
 * The release a newcomer finds on first start: a rehearsal of "Checkout 4.2" against
 * a sandbox service on loopback whose current version (v2) is broken, so that the
 * rollback playbook has something real to roll back. Everything is local and offline.
 */
export async function seedDemoRelease(workspace: Workspace, options: DemoOptions): Promise<string> {
  const now = options.now ?? DateTime.now();
  const goLive = now.setZone('Europe/Berlin').startOf('hour').plus({ hours: 2 });
  const definition: ReleaseDefinition = {
    name: 'Checkout 4.2 (demo rehearsal)',
    version: '4.2.0',
    mode: 'rehearsal',
    zone: 'Europe/Berlin',
    goLive: goLive.toISO({ suppressMilliseconds: true }) ?? goLive.toUTC().toISO()!,
    description:
      'A rehearsal of the Checkout 4.2 go-live against a local sandbox service. Version v2 of the sandbox is broken on purpose: run the rollback playbook to bring v1 back.',
  };
  const release = await workspace.create(definition.name, options.actor, [...createReleaseEvents(definition, [])]);
  await addSandboxTarget(release, options);
  const events: ReleaseMetaEvent[] = [
    {
      type: RELEASE_EVENTS.noteAdded,
      data: { kind: 'note', text: 'Demo release created. The sandbox runs v2, which fails its health check: rehearse the rollback.' },
    },
  ];
  await release.execute(options.actor, () => events);
  const templateFile = join(options.assetsDir, 'templates', 'demo-rehearsal.yaml');
  const source = await readFile(templateFile, 'utf8');
  await release.execute(options.actor, (state, context) => applyTemplate(state.checklist, { file: 'demo-rehearsal.yaml', source, mode: 'append' }, context));
  await release.execute(options.actor, (state, context) =>
    openPoll(
      state.poll,
      {
        participants: [
          { name: 'Dana Okafor', role: 'Release manager', required: true },
          { name: 'Mateus Silva', role: 'Tech lead', required: true },
          { name: 'Priya Raman', role: 'SRE', required: true },
          { name: 'Lena Vogel', role: 'Product owner', required: false },
        ],
      },
      context,
    ),
  );
  const window = demoWindow(definition.goLive, definition.zone);
  await release.execute(options.actor, (state, context) => [
    ...setWindow(state.schedule, { window }, context),
    ...setPods(state.schedule, { pods: DEMO_PODS }, context),
  ]);
  for (const risk of DEMO_RISKS) await release.execute(options.actor, (state, context) => addRisk(state.risks, risk, context));
  await copyShippedPlaybooks(options.assetsDir, release.paths.playbooks);
  await release.flush();
  return release.slug;
}

/** The demo's window: T-0 to T+4h on the release's wall clock (a repeated hour keeps the right pass). */
function demoWindow(goLive: string, zone: string) {
  const at = (instant: string): { local: string; fold: Fold } => {
    const local = toLocal(instant, zone);
    return { local, fold: instantMs(resolveLocal(local, zone).instant) === instantMs(instant) ? 'earlier' : 'later' };
  };
  const start = at(DateTime.fromISO(goLive).toUTC().toISO()!);
  const end = at(
    DateTime.fromISO(goLive)
      .plus({ milliseconds: DEMO_WINDOW_HOURS * 3_600_000 })
      .toUTC()
      .toISO()!,
  );
  return { start: start.local, end: end.local, zone, goLive: start.local, fold: { start: start.fold, end: end.fold, goLive: start.fold } };
}

/** Long enough for the cutover and a rehearsed rollback. */
const DEMO_WINDOW_HOURS = 4;

/** Three pods that hand the release around the world; on call every day for the release. */
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const DEMO_PODS: Pod[] = [
  { name: 'Berlin', zone: 'Europe/Berlin', hours: { start: '09:00', end: '18:00' }, days: EVERY_DAY },
  { name: 'São Paulo', zone: 'America/Sao_Paulo', hours: { start: '09:00', end: '18:00' }, days: EVERY_DAY },
  { name: 'Bangalore', zone: 'Asia/Kolkata', hours: { start: '09:30', end: '18:30' }, days: EVERY_DAY },
];

/** Three risks of the kind every go-live has: technical, data, people. */
const DEMO_RISKS = [
  {
    title: 'v2 latency regression under checkout load',
    description: 'Load tests showed p99 latency of the checkout call rising with the new pricing cache.',
    category: 'technical',
    likelihood: 4,
    impact: 4,
    owner: 'Mateus Silva',
    trigger: 'p99 above 300 ms for 5 minutes on the canary',
    mitigation: 'Canary at 1% first; health check gates every stage.',
    contingency: { plan: 'Roll back to v1 with the rollback playbook.', playbook: 'demo-rollback.yaml', step: null },
  },
  {
    title: 'Cart data written by v2 not readable by v1',
    description: 'The new cart format must stay backward compatible for the rollback to be safe.',
    category: 'data',
    likelihood: 2,
    impact: 5,
    owner: 'Priya Raman',
    trigger: 'Deserialisation errors in v1 logs after a rollback',
    mitigation: 'v2 writes the old format until the release is confirmed.',
  },
  {
    title: 'Database owner unavailable during the window',
    category: 'people',
    likelihood: 2,
    impact: 3,
    owner: 'Dana Okafor',
    trigger: 'No confirmation from the DBA rota by T-1d',
  },
] as const;

async function copyShippedPlaybooks(assetsDir: string, into: string): Promise<void> {
  const from = join(assetsDir, 'playbooks');
  let names: string[] = [];
  try {
    names = (await readdir(from)).filter((name) => /\.(ya?ml|md)$/.test(name));
  } catch {
    return;
  }
  await mkdir(into, { recursive: true });
  for (const name of names) await copyFile(join(from, name), join(into, name));
}
