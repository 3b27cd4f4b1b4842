import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    // mathjs's number build is some hundreds of ES modules: bundled once into one file, each test
    // file imports that instead of the modules one by one.
    deps: { optimizer: { ssr: { enabled: true, include: ['mathjs/number'] } } },
  },
});
