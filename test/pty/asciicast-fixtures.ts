// Asciicast files of the shapes public recorders write, described here in our own words
// (no third-party file is copied): the cases of asciinema's own test casts (tests/casts in
// asciinema/asciinema: a v2 file with a theme, a v3 file with intervals and a `term` object,
// a null in `env`), a v1 file (one JSON document with `stdout` frames, asciinema 1.x), and
// what `asciinema rec` writes without a terminal (width and height 0).

/** A v2 header with a theme and a real 12.5 s of events, including a 7 s pause. */
export const v2WithTheme = [
  JSON.stringify({
    version: 2,
    width: 100,
    height: 50,
    timestamp: 1509091818,
    command: '/bin/bash',
    env: { TERM: 'xterm-256color', SHELL: '/bin/bash' },
    theme: { fg: '#000000', bg: '#ffffff', palette: Array.from({ length: 16 }, () => '#241f31').join(':') },
  }),
  '[0.000001, "o", "ż"]',
  '[1.0, "o", "ółć"]',
  '[2.3, "i", "\\n"]',
  '[5.5, "r", "80x40"]',
  '[12.5, "o", "\\r\\n"]',
  '',
].join('\n');

/** The same session as v3: intervals between events, the size in `term`, idle_time_limit set by the recorder. */
export const v3WithIdleLimit = [
  JSON.stringify({ version: 3, term: { cols: 100, rows: 50, type: 'xterm-256color' }, timestamp: 1509091818, idle_time_limit: 1.5, command: '/bin/bash' }),
  '[0.000001, "o", "ż"]',
  '# a comment line, allowed in v3',
  '[1.0, "o", "ółć"]',
  '[1.3, "i", "\\n"]',
  '[3.2, "r", "80x40"]',
  '[7.0, "o", "\\r\\n"]',
  '[0.5, "x", "0"]',
  '',
].join('\n');

/** A v2 file with idle_time_limit in its header. */
export const v2WithIdleLimit = [JSON.stringify({ version: 2, width: 80, height: 24, idle_time_limit: 2.5 }), '[0.5, "o", "a"]', '[10.5, "o", "b"]', ''].join(
  '\n',
);

/** `asciinema rec -c 'make test' out.cast` in CI: no terminal, so no size. */
export const v2WithoutTty = [
  JSON.stringify({ version: 2, width: 0, height: 0, timestamp: 1700000000, env: { TERM: null, SHELL: '/bin/sh' } }),
  '[0.1, "o", "ok\\r\\n"]',
  '',
].join('\n');

/** The v3 recorder without a terminal: `term` has zero cols and rows. */
export const v3WithoutTty = [JSON.stringify({ version: 3, term: { cols: 0, rows: 0 } }), '[0.1, "o", "ok\\r\\n"]', '[0.2, "x", "0"]', ''].join('\n');

/** asciinema 1.x: one JSON document, `stdout` frames of [delay, text]. */
export const v1Frames = JSON.stringify({
  version: 1,
  width: 80,
  height: 24,
  duration: 3.5,
  command: '/bin/zsh',
  title: 'v1 demo',
  env: { TERM: 'xterm-256color', SHELL: '/bin/zsh' },
  stdout: [
    [0.5, '$ '],
    [1.0, 'ls\r\n'],
    [2.0, 'README.md\r\n'],
  ],
});

/** asciinema 1.x with no size (the same CI case). */
export const v1WithoutTty = JSON.stringify({ version: 1, width: 0, height: 0, stdout: [[0.5, 'ok\r\n']] });
