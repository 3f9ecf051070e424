/**
 * Persistence: the connection pool, the dialect differences between SQLite and PostgreSQL, and
 * the Flyway migrations in {@code src/main/resources/db/migration} ({@code V1__initial.sql},
 * {@code V2__audit_log.sql}, {@code V3__answer_counts.sql}, ...). A migration, once released, is never edited: a change is a
 * new {@code V<n>} file, so any older database opens and is brought up to date.
 */
package org.rlhf4j.server.db;
