package org.rlhf4j.server.queue;

import org.rlhf4j.server.project.Item;

/** An item out with one annotator until {@code expiresAtMillis}, and where they stand in the project. */
public record Lease(Item item, long leasedAtMillis, long expiresAtMillis, Progress progress) {
}
