-- One schema for SQLite and PostgreSQL: only the common subset (TEXT, BIGINT, BOOLEAN,
-- INSERT … ON CONFLICT, RETURNING). Ids are BIGINT handed out by id_sequences (see Database#nextId)
-- so neither AUTOINCREMENT nor SERIAL is needed. Times are epoch milliseconds (BIGINT).
-- Later features add V2__, V3__ … files here; never edit a released migration.

CREATE TABLE id_sequences (
    name       TEXT PRIMARY KEY,
    next_value BIGINT NOT NULL
);

-- users and organisations share one namespace of names (a repository lives under either)
CREATE TABLE namespaces (
    name       TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('user', 'org')),
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id            BIGINT PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE REFERENCES namespaces (name),
    password_hash TEXT NOT NULL,
    email         TEXT,
    created_at    BIGINT NOT NULL
);

CREATE TABLE access_tokens (
    id           BIGINT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id),
    label        TEXT NOT NULL,
    secret_hash  TEXT NOT NULL UNIQUE,
    scope        TEXT NOT NULL CHECK (scope IN ('read', 'read-write', 'admin')),
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);

CREATE TABLE organizations (
    id         BIGINT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE REFERENCES namespaces (name),
    plan       TEXT NOT NULL CHECK (plan IN ('free', 'pro', 'team', 'business')),
    created_at BIGINT NOT NULL
);

CREATE TABLE org_members (
    org_id     BIGINT NOT NULL REFERENCES organizations (id),
    user_id    BIGINT NOT NULL REFERENCES users (id),
    role       TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

CREATE TABLE repositories (
    id            BIGINT PRIMARY KEY,
    namespace     TEXT NOT NULL REFERENCES namespaces (name),
    name          TEXT NOT NULL,
    private       BOOLEAN NOT NULL DEFAULT FALSE,
    description   TEXT NOT NULL DEFAULT '',
    -- none | basic | advanced: read by the analysis workers
    image_insight TEXT NOT NULL DEFAULT 'none' CHECK (image_insight IN ('none', 'basic', 'advanced')),
    created_at    BIGINT NOT NULL,
    UNIQUE (namespace, name)
);

-- content-addressed bytes in the blob store, shared by every repository
CREATE TABLE blobs (
    digest     TEXT PRIMARY KEY,
    size       BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

-- which repository may see which blob (a push or a mount links it)
CREATE TABLE repository_blobs (
    repository_id BIGINT NOT NULL REFERENCES repositories (id),
    digest        TEXT NOT NULL REFERENCES blobs (digest),
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (repository_id, digest)
);

-- manifest bytes are a blob (blobs.digest = manifests.digest); this row says what it is
CREATE TABLE manifests (
    repository_id  BIGINT NOT NULL REFERENCES repositories (id),
    digest         TEXT NOT NULL REFERENCES blobs (digest),
    media_type     TEXT NOT NULL,
    size           BIGINT NOT NULL,
    config_digest  TEXT,
    subject_digest TEXT,
    artifact_type  TEXT,
    annotations    TEXT,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (repository_id, digest)
);
CREATE INDEX manifests_subject ON manifests (repository_id, subject_digest);

-- index -> manifest (kind 'manifest') and manifest -> config/layer (kind 'blob')
CREATE TABLE manifest_references (
    repository_id BIGINT NOT NULL,
    parent_digest TEXT NOT NULL,
    child_digest  TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('manifest', 'blob')),
    PRIMARY KEY (repository_id, parent_digest, child_digest)
);
CREATE INDEX manifest_references_child ON manifest_references (repository_id, child_digest);

CREATE TABLE tags (
    repository_id BIGINT NOT NULL REFERENCES repositories (id),
    name          TEXT NOT NULL,
    digest        TEXT NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (repository_id, name)
);

-- uploads in progress; the bytes are at uploads/<id>/data in the blob store
CREATE TABLE uploads (
    id            TEXT PRIMARY KEY,
    repository_id BIGINT NOT NULL REFERENCES repositories (id),
    created_at    BIGINT NOT NULL
);

-- durable "tag pushed" events, in commit order (ids come from id_sequences under its row lock)
CREATE TABLE events (
    id            BIGINT PRIMARY KEY,
    kind          TEXT NOT NULL,
    repository_id BIGINT NOT NULL,
    repository    TEXT NOT NULL,
    tag           TEXT NOT NULL,
    digest        TEXT NOT NULL,
    media_type    TEXT NOT NULL,
    actor         TEXT,
    created_at    BIGINT NOT NULL
);

-- token signing keys (JWK JSON), shared by every node
CREATE TABLE signing_keys (
    id         TEXT PRIMARY KEY,
    jwk        TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
