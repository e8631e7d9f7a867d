import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeQuorum } from '../../contract/quorum-summary';

const roles = ['Release manager', 'Tech lead'];

test('the quorum line names who is missing, and a required veto once everyone answered', () => {
  assert.equal(
    summarizeQuorum({ requiredRoles: roles, missingRoles: ['Tech lead'], noGoRoles: [] }, 1, 2),
    '1 of 2 voted, quorum not met: waiting for Tech lead',
  );
  assert.equal(summarizeQuorum({ requiredRoles: roles, missingRoles: [], noGoRoles: [] }, 2, 2), '2 of 2 voted, quorum met');
  assert.equal(
    summarizeQuorum({ requiredRoles: roles, missingRoles: [], noGoRoles: ['Tech lead'] }, 2, 2),
    '2 of 2 voted, quorum met: NO-GO by Tech lead (required)',
  );
  assert.equal(
    summarizeQuorum({ requiredRoles: [...roles, 'SRE'], missingRoles: ['SRE'], noGoRoles: ['Tech lead'] }, 2, 3),
    '2 of 3 voted, quorum not met: waiting for SRE; NO-GO by Tech lead (required)',
  );
  assert.equal(summarizeQuorum({ requiredRoles: [], missingRoles: [], noGoRoles: [] }, 0, 0), '0 of 0 voted, quorum not met: no role is required');
});
