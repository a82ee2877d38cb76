import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath('@mesh-advisor/plugin-mesh-advisor-backend', 'migrations');

/** Brings the plugin's tables up to date (unless the database service says to skip). */
export async function applyDatabaseMigrations(database: DatabaseService): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir, tableName: 'mesh_advisor_knex_migrations' });
  }
  return client;
}

/** Exposed for tests: the migration directory and table. */
export const MIGRATIONS = { directory: migrationsDir, tableName: 'mesh_advisor_knex_migrations' };
