// Files the sandbox reads at run time. This module sits directly in `src/`, and the bundles sit
// directly in `dist/`, so the same relative URLs resolve from both.

/** The package's root folder. */
export const packageRoot = new URL('../', import.meta.url);

/** The seed data (`data/*.json`). */
export const dataDirUrl = new URL('../data/', import.meta.url);

/** The SQL migrations, shared by PGlite and PostgreSQL. */
export const migrationsDirUrl = new URL('../src/db/migrations/', import.meta.url);
