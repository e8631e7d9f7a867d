// Issue 13: secrets that span lines. A YAML block scalar's value sits on the lines below its key;
// a token the terminal wrapped (or a paste) is cut by a real line end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamingRedactionLimits, createStreamingRedactor } from '../../../main/core/redaction/streaming-redactor';
import { redactText } from '../../../main/core/redaction/redact-text';

function streamThrough(chunks: readonly string[]): string {
  const redactor = createStreamingRedactor();
  return chunks.map((chunk) => redactor.push(chunk)).join('') + redactor.flush();
}

const secret = 'Tr0ub4dor3xyzQ8wV2';
const blocks = [
  `password: |\n  ${secret}\nnext: 1\n`,
  `  client_secret: >-\n    ${secret}\n  other: x\n`,
  `stringData:\n  token: |-\n    ${secret}\n\n    second-${secret}\nkind: Secret\n`,
  `- apiKey: |2 # rotated monthly\r\n    ${secret}\r\n- name: x\r\n`,
  // As bash prints it after `echo`: bracketed paste off, then a carriage return before the line.
  `\x1b[?2004l\rpassword: |\r\n  ${secret}\r\n\x1b[?2004h$ `,
];

test('a YAML block scalar under a secret-named key is masked line by line, layout kept, the next key readable', () => {
  for (const block of blocks) {
    const out = redactText(block).text;
    assert.ok(!out.includes(secret), `leaked: ${JSON.stringify(out)}`);
    assert.match(out, /\[REDACTED:yaml-block-secret\]/);
    assert.equal(out.split('\n').length, block.split('\n').length, 'one line per line');
    assert.doesNotMatch(out, /\[REDACTED:secret-assignment\]/, 'the block indicator is not taken for the value');
    assert.equal(redactText(out).text, out, 'masking again changes nothing');
  }
  assert.match(redactText(blocks[0]!).text, /^password: \|\n {2}\[REDACTED:yaml-block-secret\]\nnext: 1\n$/);
  const harmless = 'description: |\n  the password is rotated monthly\nsecretName: |\n  app-tls\n';
  assert.equal(redactText(harmless).text, harmless, 'a block under a harmless key, or a name, stays');
});

test('a YAML block split at every point, or arriving line by line, never leaks from the stream', () => {
  for (const block of blocks) {
    const text = `$ kubectl get secret -o yaml\r\n${block}$ `;
    for (let cut = 0; cut <= text.length; cut += 1) {
      const out = streamThrough([text.slice(0, cut), text.slice(cut)]);
      assert.ok(!out.includes(secret), `leaked when cut at ${cut}: ${JSON.stringify(out)}`);
    }
    const lines = text.split(/(?<=\n)/);
    const out = streamThrough(lines);
    assert.ok(!out.includes(secret), `leaked line by line: ${JSON.stringify(out)}`);
    assert.equal(out, redactText(text).text, 'line by line, the stream equals the one-shot result');
  }
});

test('a YAML block longer than the hold bound is masked to its last line, and what follows it is not', () => {
  const line = (index: number) => `    ${secret}-${String(index).padStart(4, '0')}-${'x'.repeat(40)}\n`;
  const count = Math.ceil((3 * StreamingRedactionLimits.MaxHeldChars) / line(0).length);
  const text = `data:\n  ca-password: |\n${Array.from({ length: count }, (_, index) => line(index)).join('')}  next: visible\n`;
  for (const size of [4096, 1000, 7]) {
    const chunks: string[] = [];
    for (let at = 0; at < text.length; at += size) chunks.push(text.slice(at, at + size));
    const out = streamThrough(chunks);
    assert.ok(!out.includes(secret), `chunks of ${size}: leaked`);
    assert.match(out, /\n {2}next: visible\n$/, `chunks of ${size}: the next key is readable`);
    assert.equal(out.split('\n').length, text.split('\n').length, `chunks of ${size}: one line per line`);
  }
});

const github = 'ghp_Zq8Xk2Lm4Np6Rs8Tu0Vw2Yb4Cd6Ef8Gh0Ij2';
const gitlab = 'glpat-Ab3dE6gH9jK2mN5pQ8sT';
const stripe = `sk_live_51HqLyjWDarjtT1zdp7dcX${'YZabcdEFGHijklMNOPqrstuvWXyz0123'}`;
const openai = `sk-proj-${'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34Yz56Ab78Cd90Ef12Gh34Ij56Kl78Mn90Op12Qr34St56Uv78Wx90Yz'}T3BlbkFJ${'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90'}`;

/** The token as a terminal of `columns` wraps it after `prompt`: hard line breaks where the line is full. */
function wrapped(prompt: string, token: string, columns: number, newline = '\r\n'): string {
  const text = prompt + token;
  const lines: string[] = [];
  for (let at = 0; at < text.length; at += columns) lines.push(text.slice(at, at + columns));
  return lines.join(newline) + newline;
}

function pieces(text: string): string[] {
  return text.split(/\r?\n/).filter((piece) => piece.length >= 6);
}

test('a known-prefix token wrapped by a real line break (at the terminal width, or pasted in two) is masked in each part, the breaks kept', () => {
  const cases = [
    wrapped('$ echo ', github, 24),
    wrapped('token: ', gitlab, 16, '\n'),
    wrapped('STRIPE_KEY=', stripe, 40),
    wrapped('', openai, 80),
    `${github.slice(0, 20)}\r\n${github.slice(20)}\r\n`,
  ];
  for (const text of cases) {
    const out = redactText(text).text;
    for (const piece of pieces(text))
      if (/[A-Za-z0-9]{6}/.test(piece) && !/^\$ echo|^token|^STRIPE/.test(piece)) assert.ok(!out.includes(piece), `"${piece}" leaked: ${JSON.stringify(out)}`);
    assert.equal(out.split('\n').length, text.split('\n').length, 'the line breaks stay');
    assert.equal(redactText(out).text, out, 'masking again changes nothing');
  }
  // A complete token at a line's end, and a word on the next line: the word stays.
  assert.equal(redactText(`${github}\r\nDone\r\n`).text, '[REDACTED:github-pat]\r\nDone\r\n');
  // A short continuation ends the token: the line after it is other output.
  assert.equal(redactText('glpat-Hunt13Ab3dE6\ngH9jK2mN5pQ\nmachine ok\n').text, '[REDACTED:gitlab-pat]\n[REDACTED:gitlab-pat]\nmachine ok\n');
  // Ordinary lines that end in a word and go on with a word are not joined into a secret.
  const ordinary = 'Mountable secrets:  redis-master-token-p9sey\r\nTokens:              cart-token-wjvu1\r\nkey\r\nvalue\r\n';
  assert.equal(redactText(ordinary).text, ordinary);
});

test('a wrapped token split at every point of the stream, or arriving line by line, never leaks', () => {
  for (const text of [wrapped('$ echo ', github, 24), wrapped('STRIPE_KEY=', stripe, 40), wrapped('', openai, 80)]) {
    const secretParts = pieces(text).filter((piece) => !/^\$ echo|^STRIPE/.test(piece));
    const check = (out: string, how: string) => {
      for (const piece of secretParts) assert.ok(!out.includes(piece), `${how}: "${piece}" leaked: ${JSON.stringify(out)}`);
    };
    for (let cut = 0; cut <= text.length; cut += 1) check(streamThrough([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`);
    check(streamThrough(text.split(/(?<=\n)/)), 'line by line');
    check(streamThrough(text.split(/(?=\r?\n)/)), 'break first');
    check(streamThrough([...text]), 'char by char');
  }
});

test('a masked YAML block passes the final scan also as an asciicast line reads (JSON-escaped line ends)', async () => {
  const { scanText } = await import('../../../main/core/redaction/final-scan');
  const masked = redactText(`\x1b[?2004l\rpassword: |\r\n  ${secret}\r\nnext: 1\r\n`).text;
  assert.ok(!masked.includes(secret));
  assert.deepEqual(await scanText(JSON.stringify([0.25, 'o', masked]), 'recordings/a.cast'), []);
});
