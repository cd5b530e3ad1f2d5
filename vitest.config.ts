import { configDefaults, defineConfig } from 'vitest/config';

// The PostgreSQL tests need a server: they run when DATABASE_URL is set (.ci/postgres.sh gives one), and
// are left out, said once here, rather than skipped one by one.
const postgres = Boolean(process.env.DATABASE_URL);
if (!postgres) console.log('PostgreSQL tests not run: DATABASE_URL is not set');

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(postgres ? [] : ['tests/unit/central/postgres.test.ts'])],
    environment: 'node',
    testTimeout: 20000,
    hookTimeout: 60000,
  },
});
