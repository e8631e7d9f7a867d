import { WEBSOCKET_PATH } from '../../../contract/channels';
import { WarRoomError } from '../../../contract/domain/errors';

/** A link to a War Room, parsed: where to connect, with which secret, pinned to which certificate. */
export interface FollowLink {
  /** `http(s)://HOST:PORT`: also the Origin a follower presents (the host's own). */
  readonly origin: string;
  readonly secure: boolean;
  /** The token or the invite secret (both go in `?token=`). */
  readonly secret: string;
  /** SHA-256 of the host's certificate, lower-case hex without colons; required for https. */
  readonly fingerprint: string | null;
  /** The WebSocket address, secret included. */
  readonly websocketUrl: string;
}

/** `AB:CD:…` or `abcd…` to `abcd…`; null when it is not 32 bytes of hex. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/:/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/**
 * Parse `http(s)://HOST:PORT/#token=<t>` (today's browser-mode link) or
 * `https://HOST:PORT/#invite=<s>&fp=<sha256>` (an invite). An https link must carry the
 * fingerprint: a certificate that is not pinned is never trusted.
 */
export function parseFollowLink(text: string): FollowLink {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new WarRoomError('invalid-input', `"${clip(text)}" is not a link: give the address War Room printed, like http://127.0.0.1:4000/#token=…`, [
      { field: 'link' },
    ]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new WarRoomError('invalid-input', `The link must start with http:// or https://, not ${url.protocol}`, [{ field: 'link' }]);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const secret = fragment.get('invite') ?? fragment.get('token');
  if (!secret) throw new WarRoomError('invalid-input', `The link ${url.origin}/ has no #token=… or #invite=… part: copy the whole link.`, [{ field: 'link' }]);
  const secure = url.protocol === 'https:';
  const fpText = fragment.get('fp');
  const fingerprint = fpText === null ? null : normalizeFingerprint(fpText);
  if (fpText !== null && fingerprint === null)
    throw new WarRoomError('invalid-input', `The link's fp=… is not a SHA-256 fingerprint (64 hex digits): copy the whole link.`, [{ field: 'link' }]);
  if (secure && fingerprint === null)
    throw new WarRoomError(
      'invalid-input',
      `The https link ${url.origin}/ carries no fp=… (the certificate's fingerprint): War Room does not trust a certificate it cannot pin; ask for the invite link again.`,
      [{ field: 'link' }],
    );
  const websocketUrl = `${secure ? 'wss' : 'ws'}://${url.host}${WEBSOCKET_PATH}?token=${encodeURIComponent(secret)}`;
  return { origin: url.origin, secure, secret, fingerprint, websocketUrl };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
