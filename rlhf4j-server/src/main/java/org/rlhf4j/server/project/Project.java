package org.rlhf4j.server.project;

/** A stored project. */
public record Project(long id, ProjectSpec spec) {
    public String name() {
        return spec.name();
    }

    public TaskKind kind() {
        return spec.kind();
    }
}
