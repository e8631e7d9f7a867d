import type { ReleaseState } from '../release/release-state';
import { COMMS_EVENTS, type ApprovedMessage } from '../../../contract/domain/comms/comms-model';

export { COMMS_EVENTS };

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The static status page of a channel: one self-contained HTML file (inline style, no
 * script, no outside resources) listing every update sent to it, newest first. It can
 * be put on any web server or file share as it is.
 */
export function renderStatusPage(state: ReleaseState, channel: string, generatedAt: string): string {
  const updates: { message: ApprovedMessage; subject: string; text: string }[] = [];
  for (const message of state.comms.messages) {
    const content = message.messages.find((candidate) => candidate.channel === channel);
    if (content) updates.push({ message, subject: content.subject, text: content.text });
  }
  updates.reverse();
  const release = state.meta ? `${state.meta.name}${state.meta.version ? ` ${state.meta.version}` : ''}` : 'Release';
  const latest = updates[0];
  const items = updates
    .map(
      (update) =>
        `<li><h2>${escape(update.subject)}</h2><p>${escape(update.text).replace(/\n/g, '<br>')}</p><p class="meta">${escape(update.message.approvedAt)} UTC · ${escape(update.message.id)}</p></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escape(release)}: status</title>
<style>
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;background:#f6f8fa;color:#1f2328}
header{background:#0b0f14;color:#e8eef5;padding:24px}
header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#9aa7b5}
main{max-width:760px;margin:0 auto;padding:16px}
ol{list-style:none;padding:0;margin:0}
li{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:0 0 12px}
li:first-child{border-left:4px solid #1f6feb}
h2{font-size:17px;margin:0 0 4px}
.meta{color:#57606a;font-size:13px;margin:0}
</style>
</head>
<body>
<header><h1>${escape(release)}</h1><p>${latest ? `Latest: ${escape(latest.subject)}` : 'No updates yet'} · page generated ${escape(generatedAt)} UTC</p></header>
<main><ol>
${items}
</ol></main>
</body>
</html>
`;
}
