/**
 * HTTP on Javalin: one {@code RequestGuard} runs before every route (security headers, session,
 * CSRF, admin paths, size limits); routes for login and setup, annotators and admins; pages built
 * with every value escaped, and app.js writing data only as text. No inline script, so the CSP
 * allows scripts from the app alone.
 */
package org.rlhf4j.server.web;
