-- Who may annotate a project. A project with no rows here is open to every annotator (as before
-- V5); once it has members, only they (and admins) see it, its items and its pages.
CREATE TABLE project_members (
    project_id BIGINT NOT NULL REFERENCES projects (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, user_id)
);

CREATE INDEX project_members_by_user ON project_members (user_id);
