-- An image's SBOM moves out of image_analyses into a table of its own. Every re-evaluation updates
-- the counters of thousands of image_analyses rows, and SQLite rewrites a row whole, overflow pages
-- included: with the SBOM (about 110 KB per image) in the row, moving 20,000 summaries wrote 2.2 GB
-- of WAL and took 2.6 s instead of 0.07 s. The SBOM is written once per analysis and read whole.
CREATE TABLE image_sboms (
    manifest_digest TEXT PRIMARY KEY,
    sbom            TEXT NOT NULL
);
INSERT INTO image_sboms (manifest_digest, sbom) SELECT manifest_digest, sbom FROM image_analyses WHERE sbom IS NOT NULL;
ALTER TABLE image_analyses DROP COLUMN sbom;
