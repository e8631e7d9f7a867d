import { formatClock, viewerZone } from '../format/time';

/**
 * The banner across the top while the server is gone: plain words, at once, and what to
 * do. Everything under it is drawn stale (theme.css `.app.stale`): clocks, run states and
 * votes are as of `lostAt` and may have moved on.
 */
export function ConnectionBanner({ refused, lostAt }: { refused: boolean; lostAt: Date | null }) {
  const since = lostAt ? ` since ${formatClock(lostAt, viewerZone())}` : '';
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      {refused ? (
        <>
          <strong>War Room refuses this page's key{since}.</strong> The server was restarted with a new token: open the address <code>warroom web</code>{' '}
          printed. What you see below is stale.
        </>
      ) : (
        <>
          <strong>Connection to War Room lost{since}.</strong> What you see below is stale: clocks, run states and votes may have moved on. Reconnecting…
        </>
      )}
    </div>
  );
}
