-- Re-evaluation in sets (issue 5). Each stored package keeps the advisory keys the engine matcher
-- looks it up under, in its order (json [[namespace, name, matchedBy], …]), so a re-match reads one
-- row per package; findings keep whether the installed version could be read; and the findings of a
-- vulnerability are found with their packages from the index alone.
ALTER TABLE image_packages ADD COLUMN match_keys TEXT;
ALTER TABLE findings ADD COLUMN uncertain BIGINT NOT NULL DEFAULT 0;
DROP INDEX findings_vulnerability;
CREATE INDEX findings_vulnerability ON findings (vulnerability_id, manifest_digest, pkg);
