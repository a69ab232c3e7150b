-- Policies and the health grade (issue 11): what each organisation (or user namespace) holds its
-- images to, each image's verdicts under those settings, and when a verdict changed.

-- a row only where an owner changed a policy; a missing row means on, with the policy's defaults
CREATE TABLE policy_settings (
    namespace  TEXT NOT NULL,
    policy     TEXT NOT NULL,
    enabled    BOOLEAN NOT NULL,
    parameters TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (namespace, policy)
);

-- the current verdict of each policy for an image, under the settings of a namespace holding it
CREATE TABLE policy_results (
    namespace       TEXT NOT NULL,
    manifest_digest TEXT NOT NULL,
    policy          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'unknown', 'skipped')),
    details         TEXT NOT NULL,
    evaluated_at    BIGINT NOT NULL,
    PRIMARY KEY (namespace, manifest_digest, policy)
);
CREATE INDEX policy_results_manifest ON policy_results (manifest_digest);

-- a verdict that changed (the first verdict of an image is not a change)
CREATE TABLE policy_history (
    id              BIGINT PRIMARY KEY,
    namespace       TEXT NOT NULL,
    manifest_digest TEXT NOT NULL,
    policy          TEXT NOT NULL,
    previous        TEXT NOT NULL,
    status          TEXT NOT NULL,
    details         TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX policy_history_manifest ON policy_history (namespace, manifest_digest, created_at);
