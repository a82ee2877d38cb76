/*
 * Browser end-to-end tests of Mesh Advisor against the running app: the
 * backend serving the production build of the app on :7007 (scripts/test
 * starts it; see e2e/README.md to run them by hand).
 */
import { defineConfig } from '@playwright/test';
import path from 'node:path';

const baseURL = process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007';

export default defineConfig({
  testDir: __dirname,
  testMatch: '*.spec.ts',
  // Waits until the catalog has the example entities and the sweep has
  // evaluated them (the first sweep can run before the catalog is filled).
  globalSetup: require.resolve('./globalSetup'),
  outputDir: path.resolve(__dirname, '../node_modules/.cache/mesh-advisor-e2e'),
  // One backend, one in-memory database: run the specs one after another.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  // The first load of the production bundle on a small machine takes a few
  // seconds; the decision spec goes through several pages.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: 'list',
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
    actionTimeout: 20_000,
    navigationTimeout: 45_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: require('./chromium.cjs'),
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
