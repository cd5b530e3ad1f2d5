import { defineConfig } from '@playwright/test';

// Debian's Chromium, the engine Electron embeds; a test tool's own browser download is not possible here.
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
  outputDir: 'test-results/e2e',
});
