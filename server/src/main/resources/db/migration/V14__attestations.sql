-- Attestations (issue 11): what the in-toto statements of BuildKit attestation manifests say, one
-- row per statement (a layer of the attestation manifest). Keyed by content digest, like analysis
-- results: who may see a row is decided by whether the viewer's repository holds the attestation
-- manifest (table manifests), so an attestation pushed to a private repository stays there.
CREATE TABLE attestations (
    attestation_digest TEXT NOT NULL,
    layer_digest       TEXT NOT NULL,
    subject_digest     TEXT NOT NULL,
    predicate_type     TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('read', 'unreadable')),
    reason             TEXT,
    builder_id         TEXT,
    source_repository  TEXT,
    source_commit      TEXT,
    build_args         TEXT,
    base_images        TEXT,
    read_at            BIGINT NOT NULL,
    PRIMARY KEY (attestation_digest, layer_digest)
);
CREATE INDEX attestations_subject ON attestations (subject_digest);

-- the packages of an attested SBOM (an SPDX statement), as the engine's SPDX reader makes them
CREATE TABLE attested_packages (
    attestation_digest TEXT NOT NULL,
    layer_digest       TEXT NOT NULL,
    pkg                BIGINT NOT NULL,
    type               TEXT NOT NULL,
    name               TEXT NOT NULL,
    version            TEXT,
    purl               TEXT,
    PRIMARY KEY (attestation_digest, layer_digest, pkg)
);
