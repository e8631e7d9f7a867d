// The hostile participant: every request of the contract, fuzzed as an invited
// participant of each role through `dispatch` with their CallContext (what the WebSocket
// of a listening host calls for every frame). A request the role may not make is refused
// `forbidden` whatever the payload (malformed or well-formed); one it may make, sent
// malformed, is refused `invalid-input`; no exception escapes; the workspace (journals,
// release.json, participants.json...) is byte-for-byte unchanged.
// The size by default: 1,000 payloads per request under each role (5 roles x 127
// requests x 1,000 = 635,000 calls, about 26 s of CPU); WARROOM_ROLE_FUZZ_RUNS=N for another.
// The workspace is fingerprinted once per request and role, not per payload; hostile values
// are cheap to make (deep values built once); zone names are checked once each (local-time.ts).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { z } from 'zod';
import { ROLES, formatActor, roleAllows, type ParticipantIdentity, type Role } from '../../contract/participants';
import { requestDefinitions, type RequestName } from '../../contract/requests';
import { REQUEST_PERMISSIONS } from '../../contract/roles';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import { tempDir } from '../support/temp-dir';
import { briefReport, mutatedPayload, schemaSkeleton } from './support/hostile-values';
import { describeChanges, treeFingerprint } from './support/workspace-hash';

const runs = Number(process.env['WARROOM_ROLE_FUZZ_RUNS'] ?? 1000);
/** Payloads per property run: fast-check's own bookkeeping per run is paid once for ten payloads. */
const BATCH = 10;
const workspaceDir = tempDir();
const services = await bootServices({ workspaceDir, runtime: 'browser' });
after(() => services.dispose());
services.hosting.origin = 'https://127.0.0.2:9443';

const slugs = (await services.workspace.list()).map((listing) => listing.slug);
const slug = slugs[0]!;
const release = await services.release(slug);
const target = release.state.meta?.targets[0]?.id;

/** One participant of each role, invited for real (an operator granted the release's first target). */
const identities = new Map<Role, ParticipantIdentity>();
for (const role of ROLES) {
  const made = await dispatch(
    services,
    'participant.invite',
    { slug, name: `Fuzz ${role}`, role, expiresIn: '1h', terminalTargets: target ? [target] : [] },
    { actor: 'host', transport: 'test' },
  );
  assert.ok(made.ok, JSON.stringify(made));
  const { participant } = made.value as { participant: { id: string } };
  identities.set(role, {
    name: `Fuzz ${role}`,
    role,
    session: `fz-${role}`,
    participantId: participant.id,
    release: slug,
    terminalTargets: target ? [target] : [],
  });
}
for (const name of slugs) await (await services.release(name)).flush();

const escaped: unknown[] = [];
process.on('uncaughtException', (error) => escaped.push(error));
process.on('unhandledRejection', (error) => escaped.push(error));

for (const role of ROLES) {
  const identity = identities.get(role)!;
  const context = { actor: formatActor(identity), participant: identity, transport: 'test' } as const;
  for (const [name, definition] of Object.entries(requestDefinitions) as [RequestName, { input: z.ZodType }][]) {
    const schema = definition.input;
    const allowed = roleAllows(role, REQUEST_PERMISSIONS[name]);
    // Allowed: only malformed payloads (a valid one may legitimately change things). Not
    // allowed: anything, including the well-formed skeleton, must be refused.
    const payloads = allowed
      ? mutatedPayload(schema, slugs).filter((payload) => !schema.safeParse(payload ?? {}).success)
      : fc.oneof(
          { weight: 4, arbitrary: mutatedPayload(schema, slugs) },
          { weight: 1, arbitrary: fc.constant({ ...(schemaSkeleton(schema) as object), slug }) },
        );
    test(
      `${role} x ${name}: ${runs} hostile payloads give '${allowed ? 'invalid-input' : 'forbidden'}', no crash, no change on disk`,
      { timeout: 120_000 },
      async () => {
        const before = treeFingerprint(workspaceDir);
        let answered = 0;
        await fc.assert(
          fc.asyncProperty(fc.array(payloads, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
            for (const payload of batch) {
              const result = await dispatch(services, name, payload, context);
              assert.equal(result.ok, false, `${role} ${name}: a payload was accepted`);
              if (!result.ok) {
                assert.equal(result.error.code, allowed ? 'invalid-input' : 'forbidden', `${role} ${name}: ${result.error.message}`);
                assert.equal(result.error.request, name);
                assert.ok(result.error.message.length < 2_000, 'the message stays readable');
              }
              answered += 1;
            }
          }),
          briefReport(Math.ceil(runs / BATCH)),
        );
        assert.ok(answered >= runs, `${answered} of ${runs} payloads answered`);
        assert.deepEqual(describeChanges(before, treeFingerprint(workspaceDir)), [], `${role} ${name} changed the workspace`);
        assert.deepEqual(escaped, [], 'an exception or rejection escaped');
      },
    );
  }
}
