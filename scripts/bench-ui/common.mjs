// What every part of bench:ui shares: paths, the targets, the run counts, logging.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
export const CACHE = path.join(ROOT, 'node_modules/.cache/mesh-advisor-bench');
export const YARN = path.join(ROOT, '.yarn/releases/yarn-4.13.0.cjs');
export const PORT = 7007;
export const BASE = `http://localhost:${PORT}`;
export const SERVICES = Number(process.env.BENCH_SERVICES ?? 10_000);
export const TIMEOUT_MIN = Number(process.env.BENCH_TIMEOUT_MIN ?? 45);
export const TARGETS = { overviewMs: 1500, filterMs: 300, bundleKb: 150 };
export const OVERVIEW_RUNS = 5;
export const FILTER_RUNS = 10;
export const SEARCH_RUNS = 5;

export const require = createRequire(path.join(ROOT, 'package.json'));
export const CHROMIUM_LAUNCH = require('./e2e/chromium.cjs');
const started = Date.now();
export const elapsed = () => `+${Math.round((Date.now() - started) / 1000)}s`;
export const log = msg => console.log(`[bench:ui ${elapsed()}] ${msg}`);
export const fmt = n => n.toLocaleString('en-US');
