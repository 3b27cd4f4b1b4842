#!/usr/bin/env node
// The CLI, built by `npm ci` (the prepare script) or `npm run build`: the compiled sources bundled
// into one module, with the worker threads' script beside it (dist/bundle/). Node loads one file in
// a fraction of the time it takes to find and load the ~320 files of its modules and packages, and
// every worker thread of a sweep loads it again.
import { main } from '../dist/bundle/main.js';

process.exitCode = await main(process.argv);
