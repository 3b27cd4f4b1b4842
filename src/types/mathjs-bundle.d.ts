/**
 * mathjs's single-file build, `mathjs/lib/browser/math.js` (an export of the package): the same
 * API as the package's main entry, as one CommonJS module.
 */
declare module 'mathjs/lib/browser/math.js' {
  const math: typeof import('mathjs');
  export default math;
}
