/**
 * The feedback web app: people compare, rate, rank and critique model outputs in a browser, and
 * their answers become rlhf4j-feedback records. {@link org.rlhf4j.server.FeedbackServer} starts it
 * from a {@link org.rlhf4j.server.ServerConfig}; it sits after evaluation in the pipeline, and its
 * exports feed {@code rlhf4j reward train}. Subpackages: {@code db} (SQLite/PostgreSQL, Flyway
 * migrations), {@code auth} (accounts, sessions, login limits, audit log), {@code project}
 * (projects, items, imports), {@code queue} (leases and answers), {@code report} (exports and
 * dashboards), {@code web} (HTTP routes, the request guard, pages). docs/feedback-app.md has the
 * user's view.
 */
package org.rlhf4j.server;
