import { createRequire } from 'node:module';
import type * as MathJs from 'mathjs';

/**
 * mathjs from its single-file build, `mathjs/lib/browser/math.js` (an export of the package: the
 * same code and API as its ES modules). Node loads it in about 50 ms, where importing the ~600 ES
 * modules takes about 500 ms, paid again by every worker thread: for a sweep of short runs that
 * was most of the start-up. Required rather than imported: importing a CommonJS file first scans
 * its whole text for the names it exports, 40-70 ms for this one in every thread.
 *
 * Apart from the mechanism, which loads nothing itself (test/architecture.test.ts).
 */
export const mathjs = createRequire(import.meta.url)('mathjs/lib/browser/math.js') as typeof MathJs;
