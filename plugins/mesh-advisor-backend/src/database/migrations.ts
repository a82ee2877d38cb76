import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@mesh-advisor/plugin-mesh-advisor-backend',
  'migrations',
);

/**
 * Brings the plugin's tables up to date (unless the database service says to
 * skip). Replicas starting together race to create knex's bookkeeping table,
 * which knex does not lock; the loser retries once the winner is done.
 */
export async function applyDatabaseMigrations(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (database.migrations?.skip) return client;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.migrate.latest({
        directory: migrationsDir,
        tableName: 'mesh_advisor_knex_migrations',
      });
      return client;
    } catch (e) {
      if (attempt >= 5) throw e;
      await new Promise(resolve => setTimeout(resolve, 500 * attempt));
    }
  }
}

/** Exposed for tests: the migration directory and table. */
export const MIGRATIONS = {
  directory: migrationsDir,
  tableName: 'mesh_advisor_knex_migrations',
};
