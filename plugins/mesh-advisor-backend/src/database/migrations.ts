import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@mesh-advisor/plugin-mesh-advisor-backend',
  'migrations',
);

/** Exposed for tests: the migration directory and table. */
export const MIGRATIONS = {
  directory: migrationsDir,
  tableName: 'mesh_advisor_knex_migrations',
};

/** How long a replica waits for another one's migrations to finish. */
const MIGRATION_LOCK_WAIT_MS = 120_000;

/**
 * Brings the plugin's tables up to date (unless the database service says to
 * skip). Replicas starting together race to create knex's bookkeeping table,
 * which knex does not lock, and then queue on its migration lock: the loser
 * retries, for as long as the lock is held (up to two minutes: on a busy
 * database the winner's migrations take seconds), other errors five times.
 */
export async function applyDatabaseMigrations(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (database.migrations?.skip) return client;
  const giveUpAt = Date.now() + MIGRATION_LOCK_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.migrate.latest(MIGRATIONS);
      return client;
    } catch (e) {
      const locked = (e as Error)?.name === 'MigrationLocked';
      if (locked ? Date.now() >= giveUpAt : attempt >= 5) throw e;
      await new Promise(resolve =>
        setTimeout(resolve, locked ? 500 : 500 * attempt),
      );
    }
  }
}
