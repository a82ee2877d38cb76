/**
 * Turns the startup failures a newcomer meets most into one line saying what
 * to do; anything else is printed as Backstage reports it.
 */
export function explainStartupError(error: unknown): string | undefined {
  const text = String((error as Error)?.stack ?? error);
  const port = text.match(/EADDRINUSE[^\n]*?:(\d+)/)?.[1];
  if (port) {
    return `Port ${port} is busy: stop what runs there (e.g. \`fuser -k ${port}/tcp\` or another 'yarn start'), then start again.`;
  }
  const db = text.match(
    /(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN)[^\n]*?(\d+\.\d+\.\d+\.\d+|[\w.-]+):(\d+)/,
  );
  if (db && /knex|pg|postgres|database/i.test(text)) {
    return `PostgreSQL at ${db[2]}:${db[3]} is unreachable (${db[1]}): start it, or set POSTGRES_HOST / POSTGRES_PORT / POSTGRES_USER / POSTGRES_PASSWORD to a server that runs, then start again.`;
  }
  if (/password authentication failed|role .* does not exist/i.test(text)) {
    return 'PostgreSQL refused the credentials: check POSTGRES_USER and POSTGRES_PASSWORD, then start again.';
  }
  return undefined;
}
