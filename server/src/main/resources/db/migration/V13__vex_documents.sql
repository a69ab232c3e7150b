-- VEX (OpenVEX 0.2) documents per repository (issue 11 item 4). A document is uploaded (source
-- 'upload') or pushed as an OCI artifact whose subject is an image (source 'referrer': referrer is
-- that artifact's manifest digest, and the document is in force only while that manifest is in the
-- repository). The statements are applied when findings are read, so the stored findings and
-- summaries of an image stay shared by every repository holding it; a repository's VEX never
-- changes what another repository shows.
CREATE TABLE vex_documents (
    id            BIGINT PRIMARY KEY,
    repository_id BIGINT NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('upload', 'referrer')),
    referrer      TEXT,
    document_id   TEXT NOT NULL,
    author        TEXT,
    stated_at     BIGINT,
    statements    BIGINT NOT NULL,
    body          TEXT NOT NULL,
    added_by      TEXT,
    added_at      BIGINT NOT NULL
);
CREATE INDEX vex_documents_repository ON vex_documents (repository_id, id);

-- what a VEX document changed in a repository's findings (kept apart from finding_history, which
-- is per image and shared by every repository holding it)
CREATE TABLE vex_history (
    id               BIGINT PRIMARY KEY,
    repository_id    BIGINT NOT NULL,
    manifest_digest  TEXT NOT NULL,
    vulnerability_id TEXT NOT NULL,
    package_name     TEXT NOT NULL,
    package_version  TEXT,
    change           TEXT NOT NULL,
    reason           TEXT NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX vex_history_repository ON vex_history (repository_id, manifest_digest, created_at);
