import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as pty from 'node-pty';
import xtermHeadless from '@xterm/headless';
import type { Browser, Page } from 'playwright-core';
import { bootServices } from '../../main/api/boot';
import type { Services } from '../../main/api/services';
import type { ReleaseTerminals } from '../../main/api/release-terminals';
import { startBrowserServer, type BrowserServer } from '../../main/transport/websocket-server';
import { TerminalSession } from '../../main/pty/terminal-session';
import { launchChromium } from '../../test/support/chromium';
import { compare, compareRounds, type Benchmark, type BenchResult } from '../harness';
import { ensureCorpus } from './terminal-corpus';

/** Sizes and repetitions, in one place: a run takes a few minutes on a quiet machine. */
const TerminalBench = {
  /** `cat` of this much through the whole pipeline (WARROOM_BENCH_PIPELINE_MB for a quick look). */
  PipelineBytes: Number(process.env['WARROOM_BENCH_PIPELINE_MB'] ?? 100) * 1024 * 1024,
  /** xterm.js alone is fed from the page's memory: a page holding 100 MB as one string runs out of it. */
  AloneBytes: 20 * 1024 * 1024,
  /** Recorders compared on a smaller `cat` (asciinema 2 records ~6 MB/s: 100 MB would take a minute). */
  RecorderBytes: 20 * 1024 * 1024,
  /** Interleaved rounds: pipeline (recording on), xterm.js alone, pipeline (recording off), so that noise hits all three. */
  Rounds: Number(process.env['WARROOM_BENCH_ROUNDS'] ?? 3),
  RecorderRuns: 3,
  /** Latency samples, interleaved: an idle echo, then Ctrl-C under a `yes` flood. */
  LatencySamples: 7,
  /** How long `yes` floods before Ctrl-C (enough to fill every buffer on the way). */
  FloodMs: 1500,
  /** The unique prompt of the latency target. */
  Prompt: 'WR-READY$',
} as const;

const root = new URL('../../', import.meta.url).pathname;
const mb = (bytes: number) => bytes / (1024 * 1024);
const progress = (line: string) => process.stdout.write(`  ${line}\n`);

/** Raw node-pty: `cat` the corpus, count bytes until exit. MB/s. */
async function rawPty(corpus: string, bytes: number): Promise<number> {
  const start = performance.now();
  const child = pty.spawn('/bin/cat', [corpus], { cols: 120, rows: 40, encoding: null });
  let received = 0;
  child.onData((data) => {
    received += (data as unknown as Buffer).length;
  });
  await new Promise<void>((resolve) => child.onExit(() => resolve()));
  const seconds = (performance.now() - start) / 1000;
  if (received < bytes * 0.95) throw new Error(`raw node-pty read only ${received} of ${bytes} bytes`);
  return mb(received) / seconds;
}

/**
 * Write `text` into a terminal in 64 KB chunks, 16 in flight, as a flow-controlled pty
 * would (xterm drops writes beyond 50 MB pending). Runs in Node (@xterm/headless) and,
 * as its source, in the page (xterm.js alone), so both baselines feed xterm the same way.
 */
function writeInFlight(terminal: { write(data: string, callback: () => void): void }, text: string): Promise<void> {
  return new Promise<void>((resolve) => {
    let offset = 0;
    let inFlight = 0;
    const pump = (): void => {
      while (inFlight < 16 && offset < text.length) {
        inFlight += 1;
        terminal.write(text.slice(offset, offset + 65536), () => {
          inFlight -= 1;
          if (offset >= text.length && inFlight === 0) resolve();
          else pump();
        });
        offset += 65536;
      }
    };
    pump();
  });
}

/** @xterm/headless parsing the corpus alone (in 64 KB writes, as a fast pty would deliver it). MB/s. */
async function headlessParse(text: string, bytes: number): Promise<number> {
  const terminal = new xtermHeadless.Terminal({ cols: 120, rows: 40, scrollback: 5000, allowProposedApi: true });
  const start = performance.now();
  await writeInFlight(terminal, text);
  const seconds = (performance.now() - start) / 1000;
  terminal.dispose();
  return mb(bytes) / seconds;
}

/** Our recorder: a session running `cat`, recorded (redaction, asciicast, sha256 on the recording thread), no panel. Seconds. */
async function ourRecorder(corpus: string, folder: string, run: number): Promise<number> {
  const start = performance.now();
  const session = new TerminalSession({
    profile: { id: 'bench', name: 'bench', environment: 'sandbox', command: '/bin/cat', args: [corpus], env: {} },
    shellIntegration: false,
    recording: { file: join(folder, `ours-${run}.cast`) },
  });
  session.setFlowControl(false);
  await new Promise((resolve) => session.onExit(resolve));
  const seconds = (performance.now() - start) / 1000;
  session.dispose();
  return seconds;
}

function timed(command: string, args: string[]): number {
  const start = performance.now();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr.toString().slice(0, 300)}`);
  return (performance.now() - start) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * xterm.js alone, in the app's own page, beside the panel: a second terminal of the panel's
 * size with the app's font (xterm's default renderer, which the panel also uses when there is
 * no hardware WebGL), fed the corpus from memory, 16 writes of 64 KB in flight. No pty, no
 * transport: the ceiling of any pipeline that ends in xterm.js in this page. MB/s.
 */
async function xtermAloneInPage(page: Page, bytes: number, size: { cols: number; rows: number }, panel: PanelRect): Promise<number> {
  // A string, not a function: the page must not see the bundler's helpers (__name is stubbed for writeInFlight's source).
  const seconds = await page.evaluate(`(async () => {
    const __name = (f) => f;
    const writeInFlight = ${writeInFlight.toString()};
    const text = globalThis.__benchCorpus ??= await (await fetch('/__bench/corpus')).text();
    const panel = ${JSON.stringify(panel)};
    const host = document.createElement('div');
    host.style.cssText = 'position:fixed;left:' + panel.left + 'px;top:' + panel.top + 'px;width:' + panel.width + 'px;height:' + panel.height + 'px;z-index:10';
    document.body.appendChild(host);
    const terminal = new Terminal({ cols: ${size.cols}, rows: ${size.rows}, scrollback: 5000, fontSize: 14, allowProposedApi: true,
      fontFamily: "ui-monospace, 'DejaVu Sans Mono', 'Liberation Mono', Menlo, monospace" });
    terminal.open(host);
    const start = performance.now();
    await writeInFlight(terminal, text);
    const seconds = (performance.now() - start) / 1000;
    terminal.dispose();
    host.remove();
    return seconds;
  })()`);
  return mb(bytes) / (seconds as number);
}

/** min / median / max of a measure's rounds, for the table's notes. */
function spread(values: readonly number[], digits = 1): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[0]!.toFixed(digits)} / ${median(values).toFixed(digits)} / ${sorted.at(-1)!.toFixed(digits)}`;
}

/** Where the terminal panel is in the page, in CSS pixels. */
interface PanelRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface Pipeline {
  /** The terminal panel's size as fitted in the page, and its place (set by the throughput runs). */
  panelSize: { cols: number; rows: number };
  panelRect: PanelRect;
  readonly browser: Browser;
  readonly services: Services;
  readonly server: BrowserServer;
  readonly terminals: ReleaseTerminals;
  readonly page: Page;
  readonly slug: string;
  close(): Promise<void>;
}

/** The app in browser mode with Chromium on it, on the Terminals view, with the bench targets. */
export async function startPipeline(workspace: string, corpus: string, aloneCorpus: string): Promise<Pipeline> {
  if (!existsSync(join(root, 'dist/renderer/index.html')))
    throw new Error('Run `node scripts/build.mjs` before this benchmark (it drives the built renderer).');
  const services = await bootServices({ workspaceDir: workspace, runtime: 'browser' });
  const [listing] = await services.workspace.list();
  const slug = listing!.slug;
  const release = await services.release(slug);
  const home = join(workspace, 'home');
  await release.execute('bench', () => [
    {
      type: 'target.saved',
      data: {
        id: 'bench-cat',
        name: 'bench-cat',
        environment: 'sandbox',
        command: '/bin/sh',
        args: ['-c', `read go; exec cat '${corpus}'`],
        env: {},
        cwd: workspace,
      },
    },
    {
      type: 'target.saved',
      data: {
        id: 'bench-shell',
        name: 'bench-shell',
        environment: 'sandbox',
        command: '/bin/bash',
        args: ['--norc', '--noprofile', '-i'],
        env: { PS1: `${TerminalBench.Prompt} `, HOME: home },
        cwd: workspace,
      },
    },
  ]);
  const server = await startBrowserServer({ services, staticDir: join(root, 'dist/renderer') });
  const browser = await launchChromium();
  // CSP bypassed only so that the baseline (xterm.js alone) can be loaded into the app's page beside the panel.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.route('**/__bench/corpus', (route) => route.fulfill({ path: aloneCorpus, contentType: 'text/plain; charset=utf-8' }));
  await page.goto(server.url);
  await page.addScriptTag({ path: join(root, 'node_modules/@xterm/xterm/lib/xterm.js') });
  await page.getByTestId('tab-terminals').click();
  const terminals = await services.terminals(slug);
  return {
    panelSize: { cols: 120, rows: 40 },
    panelRect: { left: 0, top: 0, width: 1200, height: 800 },
    browser,
    services,
    server,
    terminals,
    page,
    slug,
    async close() {
      await browser.close();
      await server.close();
      await services.dispose();
    },
  };
}

/** Open a session on a target (recording on or off) and show it in the page's panel. */
async function showSession(pipeline: Pipeline, targetId: string, record: boolean): Promise<string> {
  for (const session of pipeline.terminals.list()) await pipeline.terminals.close(session.id, 'bench');
  const session = await pipeline.terminals.open('bench', targetId, { cols: 120, rows: 40 }, { record });
  await pipeline.page.getByTestId(`terminal-tab-${targetId}`).click();
  await pipeline.page.locator(`[data-testid="terminal-pane-${targetId}"] [data-attached="true"]`).waitFor();
  return session.id;
}

/** The whole pipeline: pty -> batching -> WebSocket -> xterm write callback in Chromium. MB/s. */
export async function pipelineThroughput(pipeline: Pipeline, bytes: number, record: boolean): Promise<number> {
  const id = await showSession(pipeline, 'bench-cat', record);
  const start = await pipeline.page.evaluate(() => performance.now());
  pipeline.terminals.write(id, '\r');
  // The page's clock when the panel has parsed the session's last output (its exit follows it on the channel).
  const end = await pipeline.page.waitForFunction(
    () => {
      const element = (
        globalThis as unknown as { document: { querySelector(selector: string): { dataset: Record<string, string> } | null } }
      ).document.querySelector('[data-testid="terminal-pane-bench-cat"] [data-drained="true"]');
      return element ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 600_000 },
  );
  const seconds = (Number(await end.jsonValue()) - start) / 1000;
  pipeline.panelRect = await pipeline.page
    .getByTestId('terminal-pane-bench-cat')
    .getByTestId('terminal-host')
    .evaluate((element) => {
      const { left, top, width, height } = element.getBoundingClientRect();
      return { left, top, width, height };
    });
  const shown = pipeline.terminals.list().find((session) => session.id === id);
  if (shown) pipeline.panelSize = { cols: shown.cols, rows: shown.rows };
  await pipeline.terminals.close(id, 'bench');
  return mb(bytes) / seconds;
}

/** Milliseconds from writing `data` until the panel's last lines match `pattern` (page clock). */
async function latency(pipeline: Pipeline, id: string, data: string, pattern: RegExp): Promise<number> {
  const waiting = pipeline.page.evaluate(
    ({ source }) =>
      new Promise<number>((resolve, reject) => {
        // Runs in the page (DOM types are not in this tsconfig: the shapes are written out).
        const page = globalThis as unknown as {
          document: { querySelector(selector: string): { readScreen(lines: number): string } | null };
          MessageChannel: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(value: number): void } };
        };
        const element = page.document.querySelector('[data-testid="terminal-pane-bench-shell"] [data-renderer]');
        if (!element) return reject(new Error('no panel'));
        const regex = new RegExp(source);
        const channel = new page.MessageChannel();
        const deadline = performance.now() + 30_000;
        channel.port1.onmessage = () => {
          if (regex.test(element.readScreen(3).trimEnd())) return resolve(performance.now());
          if (performance.now() > deadline) return reject(new Error(`no ${source} within 30 s: ${element.readScreen(3)}`));
          channel.port2.postMessage(0);
        };
        channel.port2.postMessage(0);
      }),
    { source: pattern.source },
  );
  const start = await pipeline.page.evaluate(() => performance.now());
  pipeline.terminals.write(id, data);
  return (await waiting) - start;
}

/** Idle echo and Ctrl-C under `yes`, interleaved sample by sample, recording on. Milliseconds. */
async function interruptLatencies(pipeline: Pipeline): Promise<{ echoes: number[]; interrupts: number[] }> {
  const id = await showSession(pipeline, 'bench-shell', true);
  const prompt = TerminalBench.Prompt.replace(/[$]/g, '\\$');
  await latency(pipeline, id, '', new RegExp(`${prompt}$`));
  const echoes: number[] = [];
  const interrupts: number[] = [];
  for (let sample = 0; sample < TerminalBench.LatencySamples; sample += 1) {
    echoes.push(await latency(pipeline, id, 'x', new RegExp(`${prompt} x$`)));
    await latency(pipeline, id, '\x7f', new RegExp(`${prompt}$`));
    pipeline.terminals.write(id, 'yes\r');
    await pipeline.page.waitForTimeout(TerminalBench.FloodMs);
    interrupts.push(await latency(pipeline, id, '\x03', new RegExp(`(^|\\n)${prompt}$`)));
  }
  await pipeline.terminals.close(id, 'bench');
  return { echoes, interrupts };
}

/** A note when the machine is too busy for a row to mean much (other work on every core). */
function busyNote(): string {
  const [load] = loadavg();
  const cores = cpus().length;
  return load! > cores ? ` Machine busy during the run: load average ${load!.toFixed(1)} on ${cores} cores, so these numbers are noisy.` : '';
}

/** Terminal benchmarks of issue 4, as ratios against baselines measured in the same run. */
export const terminalsBenchmark: Benchmark = {
  name: 'terminals',
  async run(): Promise<BenchResult[]> {
    const work = mkdtempSync(join(tmpdir(), 'warroom-bench-terminals-'));
    const corpus = ensureCorpus(join(tmpdir(), `warroom-bench-corpus-${TerminalBench.PipelineBytes}.txt`), TerminalBench.PipelineBytes);
    const small = ensureCorpus(join(tmpdir(), 'warroom-bench-corpus-20m.txt'), TerminalBench.RecorderBytes);
    const aloneCorpus = small;
    const results: BenchResult[] = [];
    try {
      progress('raw node-pty and @xterm/headless on the corpus...');
      const raw = median([await rawPty(corpus, TerminalBench.PipelineBytes), await rawPty(corpus, TerminalBench.PipelineBytes)]);
      const text = readFileSync(corpus, 'utf8');
      const headless = median([await headlessParse(text, TerminalBench.PipelineBytes), await headlessParse(text, TerminalBench.PipelineBytes)]);
      progress(`raw node-pty ${raw.toFixed(1)} MB/s, @xterm/headless ${headless.toFixed(1)} MB/s; the pipeline in Chromium...`);
      const pipeline = await startPipeline(join(work, 'workspace'), corpus, aloneCorpus);
      const on: number[] = [];
      const off: number[] = [];
      const alone: number[] = [];
      let latencies: { echoes: number[]; interrupts: number[] };
      try {
        for (let round = 0; round < TerminalBench.Rounds; round += 1) {
          on.push(await pipelineThroughput(pipeline, TerminalBench.PipelineBytes, true));
          alone.push(await xtermAloneInPage(pipeline.page, TerminalBench.AloneBytes, pipeline.panelSize, pipeline.panelRect));
          off.push(await pipelineThroughput(pipeline, TerminalBench.PipelineBytes, false));
          progress(
            `round ${round + 1}: pipeline recording on ${on.at(-1)!.toFixed(1)} MB/s, xterm.js alone in the page ${alone.at(-1)!.toFixed(1)} MB/s, pipeline recording off ${off.at(-1)!.toFixed(1)} MB/s`,
          );
        }
        latencies = await interruptLatencies(pipeline);
        progress(`idle echo ${spread(latencies.echoes)} ms, Ctrl-C under yes ${spread(latencies.interrupts)} ms (min / median / max); recorders...`);
      } finally {
        await pipeline.close();
      }
      const size = pipeline.panelSize;
      const busy = busyNote();
      // Throughput: the median of the per-round ratios (each round measures the pipeline and its
      // baseline one after the other, so that a noisy neighbour hits both).
      results.push(
        compareRounds({
          benchmark: 'terminals',
          measure: `pipeline throughput, ${mb(TerminalBench.PipelineBytes)} MB cat (pty -> WebSocket -> xterm.js in Chromium), recording on, vs xterm.js alone in the same page`,
          unit: 'MB/s',
          ours: on,
          baseline: alone,
          baselineName: `xterm.js alone, ${size.cols}x${size.rows}`,
          better: 'higher',
          target: 0.8,
          note:
            `min / median / max of ${TerminalBench.Rounds} interleaved rounds: pipeline ${spread(on)} MB/s, xterm.js alone ${spread(alone)} MB/s. ` +
            `Raw node-pty ${raw.toFixed(1)} MB/s, @xterm/headless ${headless.toFixed(1)} MB/s.${busy}`,
        }),
        compareRounds({
          benchmark: 'terminals',
          measure: 'pipeline throughput, recording on vs off',
          unit: 'MB/s',
          ours: on,
          baseline: off,
          baselineName: 'recording off',
          better: 'higher',
          target: 0.9,
          note: `min / median / max: on ${spread(on)}, off ${spread(off)} MB/s.${busy}`,
        }),
        // Latencies: the ratio of the medians of the interleaved samples (the ratio of one Ctrl-C to
        // one echo of a few ms swings far more than either median does).
        compare({
          benchmark: 'terminals',
          measure: 'Ctrl-C to prompt under `yes` vs idle keystroke echo, recording on',
          unit: 'ms',
          ours: median(latencies.interrupts),
          baseline: median(latencies.echoes),
          baselineName: 'idle echo',
          better: 'lower',
          target: 2,
          note: `min / median / max of ${TerminalBench.LatencySamples} interleaved samples: Ctrl-C ${spread(latencies.interrupts)} ms, echo ${spread(latencies.echoes)} ms.${busy}`,
        }),
      );
      if (process.env['WARROOM_BENCH_SKIP_RECORDERS'] === '1') return results;

      const ours: number[] = [];
      for (let run = 0; run < TerminalBench.RecorderRuns; run += 1) ours.push(await ourRecorder(small, work, run));
      // The floor of any recorder built on node-pty: reading the same output and nothing else.
      const floor = median([
        await rawPty(small, TerminalBench.RecorderBytes),
        await rawPty(small, TerminalBench.RecorderBytes),
        await rawPty(small, TerminalBench.RecorderBytes),
      ]);
      const floorNote = `raw node-pty read of the same cat, nothing recorded: ${(mb(TerminalBench.RecorderBytes) / floor).toFixed(2)} s; recording (redaction, JSON, sha256, writes) runs on its own thread`;
      const script: number[] = [];
      for (let run = 0; run < TerminalBench.RecorderRuns; run += 1)
        script.push(timed('script', ['-q', '-T', join(work, `script-${run}.timing`), '-c', `cat '${small}'`, join(work, `script-${run}.out`)]));
      results.push(
        compare({
          benchmark: 'terminals',
          measure: 'recorder: 20 MB cat recorded, vs script -T',
          unit: 's',
          ours: median(ours),
          baseline: median(script),
          baselineName: 'script -T',
          better: 'lower',
          target: 1,
          note: `script writes raw bytes and a timing file: no redaction, no JSON encoding, no hash. ${floorNote}`,
        }),
      );
      if (hasAsciinema()) {
        const asciinema: number[] = [];
        for (let run = 0; run < TerminalBench.RecorderRuns; run += 1)
          asciinema.push(timed('asciinema', ['rec', '-q', '--overwrite', '-c', `cat '${small}'`, join(work, `asciinema-${run}.cast`)]));
        results.push(
          compare({
            benchmark: 'terminals',
            measure: 'recorder: 20 MB cat recorded, vs asciinema rec',
            unit: 's',
            ours: median(ours),
            baseline: median(asciinema),
            baselineName: 'asciinema rec',
            better: 'lower',
            target: 1,
            note: floorNote,
          }),
        );
      } else {
        console.log('  skipped: recorder vs asciinema rec: asciinema is not installed (apt-get install asciinema)');
      }
      return results;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};

function hasAsciinema(): boolean {
  try {
    execFileSync('asciinema', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
