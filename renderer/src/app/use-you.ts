import { useEffect, useState } from 'react';
import type { ParticipantIdentity } from '../../../contract/participants';
import { client } from '../client/warroom-client';

let asked: Promise<ParticipantIdentity | null> | null = null;

/** Who this page is (the host's own user, or the invited participant); asked once per page. */
export function useYou(): ParticipantIdentity | null {
  const [you, setYou] = useState<ParticipantIdentity | null>(null);
  useEffect(() => {
    asked ??= client.call('share.info', {}).then(
      (info) => info.you,
      () => null,
    );
    let live = true;
    void asked.then((identity) => {
      if (live) setYou(identity);
    });
    return () => {
      live = false;
    };
  }, []);
  return you;
}

/** A participant casts only their own ballot (the poll participant bearing their name); the release manager any. Unknown yet: none. */
export function mayCastBallotFor(you: ParticipantIdentity | null, ballotName: string): boolean {
  if (you === null) return false;
  if (you.role === 'release-manager') return true;
  if (you.role === 'observer') return false;
  return you.name.trim().toLowerCase() === ballotName.trim().toLowerCase();
}
