// Waits until the backend answers (the catalog is up and has entities), or gives up.
// Usage: node scripts/wait-for-backend.mjs <baseUrl> <seconds>
const [base = 'http://localhost:7007', seconds = '120'] = process.argv.slice(2);
const deadline = Date.now() + Number(seconds) * 1000;
while (Date.now() < deadline) {
  try {
    const res = await fetch(`${base}/.backstage/health/v1/readiness`);
    if (res.ok) {
      console.log(`backend ready at ${base}`);
      process.exit(0);
    }
  } catch {
    // not listening yet
  }
  await new Promise(r => setTimeout(r, 1000));
}
console.error(`backend at ${base} did not become ready within ${seconds}s`);
process.exit(1);
