/**
 * Projects (task kind, guidelines, overlap, lease, criteria) and their items, imported all or
 * nothing from rlhf4j item lines or from HH-RLHF and TRL pairs through rlhf4j-feedback's readers.
 */
package org.rlhf4j.server.project;
