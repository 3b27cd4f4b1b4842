import { createRequire } from 'node:module';

const packageJson = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The tool's version, written into every manifest: merge refuses shards of other versions. */
export const VERSION = packageJson.version;
