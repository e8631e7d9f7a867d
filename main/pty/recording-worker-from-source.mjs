// Starts the recording thread from its TypeScript source, for runs through tsx (tests,
// benchmarks): a worker does not inherit the parent's loader hooks in Node 20, so it
// registers tsx itself. The built app starts dist/main/recording-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./recording-worker.ts');
