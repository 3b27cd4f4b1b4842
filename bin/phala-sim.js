#!/usr/bin/env node
// The CLI, built by `npm ci` (the prepare script) or `npm run build`: the compiled sources bundled
// into a few modules, with the worker threads' script beside them (dist/bundle/). Node loads them in
// a fraction of the time it takes to find and load the ~320 files of its modules and packages, and
// every worker thread of a sweep loads its own. Split by command (esbuild's code splitting): each
// loads only what it runs, and what it does not run is left out (one bundle kept every mathjs
// function of the number build, made at start-up: 70 ms of the main thread's, in every command).
import { main } from '../dist/bundle/main.js';

process.exitCode = await main(process.argv);
