// How the browser tests (playwright.config.ts) and the UI benchmark
// (scripts/bench-ui.mjs) launch Chromium: the distribution's build (or
// CHROMIUM_PATH), without the sandbox (CI runs as root), and without the
// background traffic that would add to the timings.
module.exports = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
