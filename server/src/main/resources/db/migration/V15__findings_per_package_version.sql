-- Findings per package version (issue 12). A package version's findings depend only on its type,
-- name, version and match keys, so they are stored once per package version and every image that
-- holds it refers to it: a change set costs its distinct affected package versions, not images x
-- findings. An image analysed only in repositories with basic analysis keeps its point-in-time
-- scan in package versions private to it (private_to = its digest), which re-evaluation skips.
-- The old per-image tables become views with the same columns, so readers are unchanged.

ALTER TABLE image_analyses ADD COLUMN first_analysed_at BIGINT;
UPDATE image_analyses SET first_analysed_at = analysed_at;

-- identity: what makes two stored packages the same package version (see result.PackageVersions)
CREATE TABLE package_versions (
    id         BIGINT PRIMARY KEY,
    identity   TEXT NOT NULL UNIQUE,
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    version    TEXT,
    match_keys TEXT,
    private_to TEXT
);
CREATE INDEX package_versions_private ON package_versions (private_to);

-- the keys each package version is indexed under (what a change set's keys reach)
CREATE TABLE package_version_keys (
    namespace       TEXT NOT NULL,
    name            TEXT NOT NULL,
    package_version BIGINT NOT NULL,
    PRIMARY KEY (namespace, name, package_version)
);

CREATE TABLE package_findings (
    package_version  BIGINT NOT NULL,
    vulnerability_id TEXT NOT NULL,
    advisory_id      TEXT NOT NULL,
    source           TEXT NOT NULL,
    namespace        TEXT NOT NULL,
    severity         TEXT NOT NULL,
    cvss             TEXT,
    fixed_version    TEXT,
    affected_range   TEXT,
    uncertain        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (package_version, vulnerability_id)
);

-- what changed in a package version's findings, when and why (ids from the finding_history sequence)
CREATE TABLE package_history (
    id               BIGINT PRIMARY KEY,
    package_version  BIGINT NOT NULL,
    vulnerability_id TEXT NOT NULL,
    severity         TEXT,
    change           TEXT NOT NULL CHECK (change IN ('added', 'removed')),
    reason           TEXT NOT NULL,
    advisory_id      TEXT,
    change_set_id    BIGINT,
    created_at       BIGINT NOT NULL
);
CREATE INDEX package_history_version ON package_history (package_version, created_at);

ALTER TABLE image_packages ADD COLUMN package_version BIGINT;

-- the existing packages: packages stored before V7 have no match keys of their own and keep a
-- package version per package; images no advanced repository holds get private ones
CREATE TABLE pv_migration AS
SELECT p.manifest_digest, p.pkg, p.type, p.name, p.version, p.match_keys,
       CASE WHEN EXISTS (SELECT 1 FROM tag_images ti JOIN repositories r ON r.id = ti.repository_id
                         WHERE ti.manifest_digest = p.manifest_digest AND r.image_insight = 'advanced')
            THEN NULL ELSE p.manifest_digest END AS private_to,
       CASE WHEN EXISTS (SELECT 1 FROM tag_images ti JOIN repositories r ON r.id = ti.repository_id
                         WHERE ti.manifest_digest = p.manifest_digest AND r.image_insight = 'advanced')
            THEN '' ELSE 'image:' || p.manifest_digest || '|' END
       || CASE WHEN p.match_keys IS NULL THEN 'legacy:' || p.manifest_digest || ':' || CAST(p.pkg AS TEXT) || '|' ELSE '' END
       || p.type || '|' || p.name || '|' || COALESCE(p.version, '') || '|' || CASE WHEN p.version IS NULL THEN 'n' ELSE 'v' END
       || '|' || COALESCE(p.match_keys, '') AS identity
FROM image_packages p;
CREATE INDEX pv_migration_ref ON pv_migration (manifest_digest, pkg);

INSERT INTO package_versions (id, identity, type, name, version, match_keys, private_to)
SELECT ROW_NUMBER() OVER (ORDER BY identity), identity, type, name, version, match_keys, private_to
FROM (SELECT identity, MIN(type) AS type, MIN(name) AS name, MIN(version) AS version, MIN(match_keys) AS match_keys,
             MIN(private_to) AS private_to FROM pv_migration GROUP BY identity) d;

UPDATE image_packages SET package_version = (SELECT pv.id FROM pv_migration m JOIN package_versions pv ON pv.identity = m.identity
                                             WHERE m.manifest_digest = image_packages.manifest_digest AND m.pkg = image_packages.pkg);
DELETE FROM id_sequences WHERE name = 'package_versions';
INSERT INTO id_sequences (name, next_value) SELECT 'package_versions', COALESCE(MAX(id), 0) FROM package_versions;
DROP TABLE pv_migration;
CREATE INDEX image_packages_version ON image_packages (package_version, manifest_digest);

INSERT INTO package_version_keys (namespace, name, package_version)
SELECT DISTINCT k.namespace, k.name, p.package_version FROM package_keys k
JOIN image_packages p ON p.manifest_digest = k.manifest_digest AND p.pkg = k.pkg;

INSERT INTO package_findings (package_version, vulnerability_id, advisory_id, source, namespace, severity, cvss, fixed_version,
                              affected_range, uncertain)
SELECT p.package_version, f.vulnerability_id, f.advisory_id, f.source, f.namespace, f.severity, f.cvss, f.fixed_version,
       f.affected_range, f.uncertain
FROM findings f JOIN image_packages p ON p.manifest_digest = f.manifest_digest AND p.pkg = f.pkg
WHERE true ON CONFLICT DO NOTHING;
CREATE INDEX package_findings_vulnerability ON package_findings (vulnerability_id, package_version);
DROP TABLE findings;

-- the findings of each image, as before: its packages' package versions' findings
CREATE VIEW findings AS
SELECT p.manifest_digest, p.pkg, f.vulnerability_id, f.advisory_id, f.source, f.namespace, f.severity, f.cvss,
       f.fixed_version, f.affected_range, f.uncertain
FROM image_packages p JOIN package_findings f ON f.package_version = p.package_version;

-- history: the rows written per image before V15, and package version events projected onto the
-- images that held that package version when it happened (from their first analysis on)
ALTER TABLE finding_history RENAME TO image_finding_history;
CREATE VIEW finding_history AS
SELECT id, manifest_digest, vulnerability_id, package_name, package_version, severity, change, reason, advisory_id,
       change_set_id, created_at
FROM image_finding_history
UNION ALL
SELECT h.id, p.manifest_digest, h.vulnerability_id, v.name AS package_name, v.version AS package_version, h.severity, h.change,
       h.reason, h.advisory_id, h.change_set_id, h.created_at
FROM package_history h
JOIN package_versions v ON v.id = h.package_version
JOIN image_packages p ON p.package_version = h.package_version
JOIN image_analyses a ON a.manifest_digest = p.manifest_digest AND h.created_at >= COALESCE(a.first_analysed_at, 0);
