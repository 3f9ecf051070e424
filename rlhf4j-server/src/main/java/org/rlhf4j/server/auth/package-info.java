/**
 * Who may do what: accounts with PBKDF2-hashed passwords, sessions whose cookie value is stored
 * only as a SHA-256, per-name and per-address login limits, and the audit log of admin actions.
 */
package org.rlhf4j.server.auth;
