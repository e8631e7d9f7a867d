import { Terminal, type ITerminalInitOnlyOptions, type ITerminalOptions } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import '@xterm/xterm/css/xterm.css';

/** An xterm with its addons, and which renderer it ended up with. */
export interface XtermHandle {
  readonly terminal: Terminal;
  readonly fit: FitAddon;
  readonly search: SearchAddon;
  readonly renderer: 'webgl' | 'dom';
  dispose(): void;
}

/** Colours readable on a projector, matching the app's dark theme. */
const theme: NonNullable<ITerminalOptions['theme']> = {
  background: '#0b0f14',
  foreground: '#e8eef5',
  cursor: '#5aa9ff',
  selectionBackground: '#2f81f766',
  black: '#1b2430',
  brightBlack: '#6b7785',
};

/**
 * Create an xterm in `container` with the fit, search and web-links addons, and the
 * WebGL renderer when the browser has hardware WebGL2 (else xterm's default DOM
 * renderer; a lost WebGL context falls back to it too).
 */
export function createXterm(container: HTMLElement, options: ITerminalOptions & ITerminalInitOnlyOptions = {}): XtermHandle {
  const terminal = new Terminal({
    fontFamily: "ui-monospace, 'DejaVu Sans Mono', 'Liberation Mono', Menlo, monospace",
    fontSize: 14,
    scrollback: 5000,
    allowProposedApi: true,
    cursorBlink: true,
    theme,
    ...options,
  });
  const fit = new FitAddon();
  const search = new SearchAddon();
  terminal.loadAddon(fit);
  terminal.loadAddon(search);
  terminal.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
  terminal.open(container);
  let renderer: 'webgl' | 'dom' = 'dom';
  if (hasHardwareWebgl2()) {
    try {
      const webgl = new WebglAddon();
      webgl.onContextLoss(() => webgl.dispose());
      terminal.loadAddon(webgl);
      renderer = 'webgl';
    } catch {
      renderer = 'dom';
    }
  }
  container.dataset['renderer'] = renderer;
  // The screen as text, whichever renderer draws it (a WebGL canvas has no DOM text): the e2e tests read it.
  Object.defineProperty(container, 'readScreen', { configurable: true, value: (lastLines?: number) => screenText(terminal, lastLines) });
  return { terminal, fit, search, renderer, dispose: () => terminal.dispose() };
}

/**
 * WebGL2 on a GPU. A software implementation (SwiftShader, llvmpipe: what Chromium falls
 * back to with the GPU disabled or blocklisted) draws slower than xterm's DOM renderer and
 * takes the CPU that parsing needs, so it counts as not available.
 */
function hasHardwareWebgl2(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (gl === null) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !/swiftshader|llvmpipe|software/i.test(renderer);
  } catch {
    return false;
  }
}

/** The lines of the buffer (scrollback and screen; or only the last few), right-trimmed. */
function screenText(terminal: Terminal, lastLines = Number.POSITIVE_INFINITY): string {
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  // Up to the cursor's line: the rows below it are empty screen, not output.
  const end = Math.min(buffer.length, buffer.baseY + buffer.cursorY + 1);
  for (let row = Math.max(0, end - lastLines); row < end; row += 1) lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
  return lines.join('\n');
}
