/**
 * The queue: items leased to one annotator at a time per overlap slot, returned when a lease runs
 * out, never given to anyone twice; answers checked by building the rlhf4j-feedback record they
 * stand for. Every operation is one transaction that locks its project first.
 */
package org.rlhf4j.server.queue;
