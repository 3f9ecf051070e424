-- Admin actions (project and account changes, imports, exports), newest last.
CREATE TABLE audit_log (
    id ${id_pk},
    user_id BIGINT NOT NULL REFERENCES users (id),
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    at BIGINT NOT NULL
);

CREATE INDEX answers_by_time ON answers (project_id, answered_at);
