-- Times are milliseconds since the epoch (BIGINT), booleans are not needed, JSON is TEXT:
-- the same script runs on SQLite and PostgreSQL; ${id_pk} is the dialect's auto-numbered key.

CREATE TABLE users (
    id ${id_pk},
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'annotator')),
    created_at BIGINT NOT NULL
);

-- token_hash: SHA-256 of the cookie value, so the table alone does not let anyone log in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE projects (
    id ${id_pk},
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('comparison', 'rating', 'ranking', 'critique')),
    guidelines TEXT NOT NULL,
    overlap INTEGER NOT NULL CHECK (overlap >= 1),
    lease_seconds INTEGER NOT NULL CHECK (lease_seconds >= 1),
    criteria TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- prompt: JSON list of {role, content}; responses: JSON list of strings;
-- honeypot: JSON known answer, null for an ordinary item.
CREATE TABLE items (
    id ${id_pk},
    project_id BIGINT NOT NULL REFERENCES projects (id),
    external_id TEXT NOT NULL,
    prompt TEXT NOT NULL,
    responses TEXT NOT NULL,
    honeypot TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (project_id, external_id)
);

-- One row per item currently out with an annotator; a row past expires_at no longer holds a slot.
CREATE TABLE leases (
    item_id BIGINT NOT NULL REFERENCES items (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    project_id BIGINT NOT NULL REFERENCES projects (id),
    leased_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (item_id, user_id)
);

-- The unique (item_id, user_id) is what makes a double submit count once.
-- answer is null and skip_reason set for a skipped item.
CREATE TABLE answers (
    id ${id_pk},
    item_id BIGINT NOT NULL REFERENCES items (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    project_id BIGINT NOT NULL REFERENCES projects (id),
    answer TEXT,
    skip_reason TEXT,
    leased_at BIGINT NOT NULL,
    answered_at BIGINT NOT NULL,
    UNIQUE (item_id, user_id)
);

CREATE INDEX items_by_project ON items (project_id, id);
CREATE INDEX answers_by_project ON answers (project_id, user_id);
CREATE INDEX leases_by_project ON leases (project_id, user_id);
