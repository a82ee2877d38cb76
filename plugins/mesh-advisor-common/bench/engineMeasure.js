// How the engine benchmark times an evaluator over a synthetic catalog
// (streamed a chunk at a time) and json-rules-engine (awaited per entity).
const { CAPABILITIES } = require('../src');
const synthetic = require('./syntheticCatalog');

// The engine profile of the benchmarks' one synthetic-catalog generator.
const syntheticServices = count =>
  synthetic.syntheticServices('engine', count, { capabilities: CAPABILITIES });

// Entities are generated a chunk at a time outside the clock (the clock
// measures the engine, not the generator), evaluated, and dropped.
const CHUNK = 1_000;

/**
 * Evaluates a catalog of `count` entities `runs` times; returns the median
 * run's speed and the memory over all runs. A forced GC before the first run
 * sets the memory baseline and one after the last shows what was retained;
 * none runs in between — it would shrink the young generation, and the run
 * after it would measure the heap growing back.
 */
function measure(count, fn, runs = 1) {
  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  const times = [];
  for (let run = 0; run < runs; run++) {
    let elapsed = 0n;
    const entities = syntheticServices(count);
    for (let done = 0; done < count; done += CHUNK) {
      const chunk = [];
      for (let i = 0; i < CHUNK && done + i < count; i++)
        chunk.push(entities.next().value);
      const start = process.hrtime.bigint();
      for (const entity of chunk) fn(entity);
      elapsed += process.hrtime.bigint() - start;
      const m = process.memoryUsage();
      if (m.rss > peakRss) peakRss = m.rss;
    }
    times.push(Number(elapsed) / 1e9);
  }
  global.gc?.();
  const seconds = times.sort((a, b) => a - b)[runs >> 1];
  return {
    count,
    seconds,
    perSecond: count / seconds,
    peakRssMiB: peakRss / 2 ** 20,
    retainedMiB: (process.memoryUsage().heapUsed - baseline.heapUsed) / 2 ** 20,
  };
}

async function measureAsync(count, fn) {
  let elapsed = 0n;
  const entities = [...syntheticServices(count)];
  const start = process.hrtime.bigint();
  for (const entity of entities) await fn(entity);
  elapsed += process.hrtime.bigint() - start;
  const seconds = Number(elapsed) / 1e9;
  return { count, seconds, perSecond: count / seconds };
}

module.exports = { measure, measureAsync };
