/**
 * The terminal pipeline's flow-control numbers, for the renderer's acknowledgements.
 * A value module free of zod and Node (the renderer bundle must not carry zod: its
 * code-generation probe trips the page's CSP).
 */
export { TerminalTuning } from './domain/terminal/terminal-constants';
