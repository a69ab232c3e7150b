-- Re-evaluation in sets (issue 5): the package index keeps how each key was derived (the engine
-- matcher's source-package or direct), findings keep whether the installed version could be read,
-- and a package's keys and findings are reachable by (manifest, package) for set-based re-matching.
ALTER TABLE package_keys ADD COLUMN matched_by TEXT NOT NULL DEFAULT 'direct';
ALTER TABLE findings ADD COLUMN uncertain BIGINT NOT NULL DEFAULT 0;
DROP INDEX package_keys_manifest;
CREATE INDEX package_keys_package ON package_keys (manifest_digest, pkg);
