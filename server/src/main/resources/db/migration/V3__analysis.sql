-- Image analysis (issue 5): the durable job queue, which image manifests each tag points at, and
-- the stored results per image manifest (SBOM, package index, findings, summary). Results are keyed
-- by manifest digest globally: the same image under two tags or repositories is analysed once.

-- how far the event dispatcher has read the events table (one row; nodes take turns under its lock)
CREATE TABLE analysis_cursor (
    name    TEXT PRIMARY KEY,
    last_id BIGINT NOT NULL
);

-- durable jobs: claimed with a lease; a job whose lease ran out is claimed again
CREATE TABLE analysis_jobs (
    id          BIGINT PRIMARY KEY,
    kind        TEXT NOT NULL,
    job_key     TEXT NOT NULL UNIQUE,
    payload     TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts    BIGINT NOT NULL DEFAULT 0,
    run_after   BIGINT NOT NULL,
    lease_until BIGINT,
    worker      TEXT,
    last_error  TEXT,
    created_at  BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX analysis_jobs_ready ON analysis_jobs (state, run_after);

-- the image manifests a tag stands for (one per platform of an index), and its mode when pushed
CREATE TABLE tag_images (
    repository_id   BIGINT NOT NULL,
    tag             TEXT NOT NULL,
    tag_digest      TEXT NOT NULL,
    manifest_digest TEXT NOT NULL,
    platform        TEXT,
    pushed_at       BIGINT NOT NULL,
    PRIMARY KEY (repository_id, tag, manifest_digest)
);
CREATE INDEX tag_images_manifest ON tag_images (manifest_digest);

-- one row per image manifest: status, SBOM and summary
CREATE TABLE image_analyses (
    manifest_digest TEXT PRIMARY KEY,
    repository_id   BIGINT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('queued', 'analysing', 'done', 'failed')),
    reason          TEXT,
    platform        TEXT,
    size            BIGINT,
    sbom            TEXT,
    package_count   BIGINT NOT NULL DEFAULT 0,
    critical        BIGINT NOT NULL DEFAULT 0,
    high            BIGINT NOT NULL DEFAULT 0,
    medium          BIGINT NOT NULL DEFAULT 0,
    low             BIGINT NOT NULL DEFAULT 0,
    other           BIGINT NOT NULL DEFAULT 0,
    fixable         BIGINT NOT NULL DEFAULT 0,
    analyses        BIGINT NOT NULL DEFAULT 0,
    analysed_at     BIGINT,
    evaluated_at    BIGINT,
    data_version    TEXT,
    updated_at      BIGINT NOT NULL
);

-- the packages of each SBOM, addressable by index
CREATE TABLE image_packages (
    manifest_digest TEXT NOT NULL,
    pkg             BIGINT NOT NULL,
    type            TEXT NOT NULL,
    name            TEXT NOT NULL,
    version         TEXT,
    purl            TEXT,
    locations       TEXT NOT NULL,
    PRIMARY KEY (manifest_digest, pkg)
);

-- the package index: advisory key (namespace + normalised name) -> stored package
CREATE TABLE package_keys (
    namespace       TEXT NOT NULL,
    name            TEXT NOT NULL,
    manifest_digest TEXT NOT NULL,
    pkg             BIGINT NOT NULL,
    version         TEXT NOT NULL,
    PRIMARY KEY (namespace, name, manifest_digest, pkg)
);
CREATE INDEX package_keys_manifest ON package_keys (manifest_digest);

-- the current findings of each image manifest
CREATE TABLE findings (
    manifest_digest  TEXT NOT NULL,
    pkg              BIGINT NOT NULL,
    vulnerability_id TEXT NOT NULL,
    advisory_id      TEXT NOT NULL,
    source           TEXT NOT NULL,
    namespace        TEXT NOT NULL,
    severity         TEXT NOT NULL,
    cvss             TEXT,
    fixed_version    TEXT,
    affected_range   TEXT,
    PRIMARY KEY (manifest_digest, pkg, vulnerability_id)
);
CREATE INDEX findings_vulnerability ON findings (vulnerability_id);
