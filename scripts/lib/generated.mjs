// Writes a generated file, or with --check fails when the file on disk is not
// exactly what the generator would write (a missing file is a drift too).
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * @param {string} out the generated file
 * @param {string} text what it must hold
 * @param {{ inSync: string, drifted: string }} messages
 */
export function writeOrCheck(out, text, messages) {
  if (!process.argv.includes('--check')) {
    writeFileSync(out, text);
    console.log(`wrote ${out}`);
    return;
  }
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {
    // missing: compared as empty
  }
  if (current !== text) {
    console.error(messages.drifted);
    process.exit(1);
  }
  console.log(messages.inSync);
}
