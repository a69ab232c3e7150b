-- Advisory data in the server's database (SqlAdvisoryStore) and the history of report changes.

-- one row per imported record: canonical json and its content hash (what a change set compares)
CREATE TABLE advisory_records (
    source    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    hash      TEXT NOT NULL,
    body      TEXT NOT NULL,
    PRIMARY KEY (source, record_id)
);

CREATE TABLE advisory_sources (
    source       TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    record_count BIGINT NOT NULL,
    imported_at  BIGINT NOT NULL,
    data_version TEXT
);

-- every non-empty import's change set, in commit order: nodes refresh their index from these and
-- one node re-evaluates each (an analysis_jobs row keyed reevaluate:<id>)
CREATE TABLE advisory_change_sets (
    id         BIGINT PRIMARY KEY,
    source     TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- what changed in an image's findings, when and why
CREATE TABLE finding_history (
    id               BIGINT PRIMARY KEY,
    manifest_digest  TEXT NOT NULL,
    vulnerability_id TEXT NOT NULL,
    package_name     TEXT NOT NULL,
    package_version  TEXT,
    severity         TEXT,
    change           TEXT NOT NULL CHECK (change IN ('added', 'removed')),
    reason           TEXT NOT NULL,
    advisory_id      TEXT,
    change_set_id    BIGINT,
    created_at       BIGINT NOT NULL
);
CREATE INDEX finding_history_manifest ON finding_history (manifest_digest, created_at);
