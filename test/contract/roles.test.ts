// The role table: every request of the contract has a permission, and dispatch gives
// every role exactly what the table says, for every request (a forbidden request is
// refused before its input is even parsed, so `{}` is enough to probe).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, roleAllows, type ParticipantIdentity, type Role } from '../../contract/participants';
import { requestDefinitions, type RequestName } from '../../contract/requests';
import { REQUEST_PERMISSIONS } from '../../contract/roles';
import { bootServices } from '../../main/api/boot';
import { dispatch } from '../../main/api/dispatch';
import { tempDir } from '../support/temp-dir';
import { describeChanges, treeFingerprint } from '../security/support/workspace-hash';

const workspaceDir = tempDir();
const services = await bootServices({ workspaceDir, runtime: 'browser' });
after(() => services.dispose());
services.hosting.origin = 'https://127.0.0.2:9443';
services.hosting.fingerprint = 'AA:BB';
const slug = (await services.workspace.list())[0]!.slug;

/** A participant of each role, invited for real (the secret's hash is in participants.json). */
const identities = new Map<Role, ParticipantIdentity>();
for (const role of ROLES) {
  const made = await dispatch(services, 'participant.invite', { slug, name: `P ${role}`, role, expiresIn: '1h' }, { actor: 'host', transport: 'test' });
  assert.ok(made.ok, JSON.stringify(made));
  const { participant } = made.value as { participant: { id: string } };
  identities.set(role, { name: `P ${role}`, role, session: `s-${role}`, participantId: participant.id, release: slug, terminalTargets: [] });
}

test('every request of the contract has an entry in the role table, and nothing else does', () => {
  assert.deepEqual(Object.keys(REQUEST_PERMISSIONS).sort(), Object.keys(requestDefinitions).sort());
});

test('the role table: release managers everything, observers only reads, nobody but a release manager manages', () => {
  for (const [name, permission] of Object.entries(REQUEST_PERMISSIONS)) {
    assert.equal(roleAllows('release-manager', permission), true, name);
    assert.equal(roleAllows('observer', permission), permission === 'read', name);
    if (permission === 'manage')
      for (const role of ['operator', 'comms', 'voter', 'observer'] as const) assert.equal(roleAllows(role, permission), false, `${role} ${name}`);
    // The comms role: reads, notes (and post-release issues), and approving status updates; nothing else.
    assert.equal(roleAllows('comms', permission), ['read', 'note', 'communicate'].includes(permission), `comms ${name}`);
  }
  // Approving a status update is the comms role's or the release manager's (issue 18); where
  // updates go (channels, their secrets) stays the release manager's.
  assert.equal(REQUEST_PERMISSIONS['comms.approve'], 'communicate');
  assert.deepEqual(
    ROLES.filter((role) => roleAllows(role, 'communicate')),
    ['release-manager', 'comms'],
  );
  assert.deepEqual(
    Object.entries(REQUEST_PERMISSIONS)
      .filter(([, permission]) => permission === 'communicate')
      .map(([name]) => name),
    ['comms.approve'],
  );
  assert.equal(REQUEST_PERMISSIONS['comms.channels-save'], 'manage');
  // What a remote participant must never do without the release-manager role.
  for (const name of [
    'bundle.import',
    'recording.import',
    'report.redaction-save',
    'report.finding-allow',
    'terminal.open',
    'participant.invite',
    'app.setOperator',
  ] as const)
    assert.equal(REQUEST_PERMISSIONS[name], 'manage', name);
});

for (const role of ROLES) {
  test(`every request x ${role}: dispatch refuses exactly what the table forbids, with a typed 'forbidden' error, and changes nothing`, async () => {
    // The release writes its snapshot a moment after it opens or changes: let that land first.
    await (await services.release(slug)).flush();
    const before = treeFingerprint(workspaceDir);
    const identity = identities.get(role)!;
    for (const name of Object.keys(requestDefinitions) as RequestName[]) {
      const result = await dispatch(
        services,
        name,
        {},
        { actor: `${identity.name} (${role} · ${identity.session})`, participant: identity, transport: 'test' },
      );
      const allowed = roleAllows(role, REQUEST_PERMISSIONS[name]);
      // An invite is to one release: even an invited release manager may not change the whole
      // workspace (a change naming no release), which `{}` often is (main/api/authorize.ts).
      const workspaceWide = !result.ok && result.error.code === 'forbidden' && /changes the whole workspace/.test(result.error.message);
      if (allowed)
        assert.ok(
          result.ok || result.error.code !== 'forbidden' || (workspaceWide && REQUEST_PERMISSIONS[name] !== 'read'),
          `${role} ${name} was forbidden: ${result.ok ? '' : result.error.message}`,
        );
      else {
        assert.equal(result.ok, false, `${role} ${name} was accepted`);
        if (!result.ok) {
          assert.equal(result.error.code, 'forbidden', `${role} ${name}: ${result.error.message}`);
          assert.equal(result.error.request, name);
        }
      }
    }
    // A release manager may change things (a request valid with {}); nobody else changed anything.
    if (role !== 'release-manager') assert.deepEqual(describeChanges(before, treeFingerprint(workspaceDir)), []);
  });
}

test('a participant stays in the release of their invite', async () => {
  const other = 'another-release';
  const observer = identities.get('observer')!;
  const context = { actor: 'x', participant: observer, transport: 'test' as const };
  const refused = await dispatch(services, 'release.get', { slug: other }, context);
  assert.equal(refused.ok, false);
  if (!refused.ok) assert.equal(refused.error.code, 'forbidden');
  const listed = await dispatch(services, 'release.list', {}, context);
  assert.ok(listed.ok);
  assert.deepEqual(
    (listed.value as { slug: string }[]).map((listing) => listing.slug),
    [slug],
  );
  const own = await dispatch(services, 'release.get', { slug }, context);
  assert.ok(own.ok);
});

test('a revoked participant is refused on the next request (unauthorized), whatever the request', async () => {
  const voter = identities.get('voter')!;
  const revoked = await dispatch(services, 'participant.revoke', { id: voter.participantId! }, { actor: 'host', transport: 'test' });
  assert.ok(revoked.ok);
  const result = await dispatch(services, 'release.get', { slug }, { actor: 'x', participant: voter, transport: 'test' });
  assert.equal(result.ok, false);
  if (!result.ok) assert.equal(result.error.code, 'unauthorized');
});
