#!/usr/bin/env node
// The `warroom` command: the bundled CLI (npm run build writes dist/main/cli.js).
import '../dist/main/cli.js';
