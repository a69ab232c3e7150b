-- Base images (issue 11 part 1): each analysed image's layer chain, as the hash of every prefix of
-- its diff_ids, so "which known image's whole chain is a prefix of mine" and "which images extend
-- this one" are both one indexed lookup; the base detected per image; and the repositories an owner
-- marks as sources of base images (e.g. an org kept in sync with upstream by skopeo copy).

-- prefix_key: sha256 over the first `length` diff_ids (see analysis.base.LayerChains); whole marks
-- the image's full chain
CREATE TABLE image_layer_chains (
    manifest_digest TEXT NOT NULL,
    length          BIGINT NOT NULL,
    prefix_key      TEXT NOT NULL,
    whole           BOOLEAN NOT NULL,
    PRIMARY KEY (manifest_digest, length)
);
CREATE INDEX image_layer_chains_key ON image_layer_chains (prefix_key);

-- the base of an image manifest: a tag of another repository when it was detected, its image
-- manifest (for that platform), how many of this image's layers it makes (0 when not known from
-- layers) and how it was found ('layers' or 'provenance'; provenance is never replaced by layers)
CREATE TABLE image_bases (
    manifest_digest    TEXT PRIMARY KEY,
    base_repository_id BIGINT NOT NULL,
    base_tag           TEXT NOT NULL,
    base_digest        TEXT NOT NULL,
    layer_count        BIGINT NOT NULL,
    detected_by        TEXT NOT NULL CHECK (detected_by IN ('layers', 'provenance')),
    detected_at        BIGINT NOT NULL
);
CREATE INDEX image_bases_base ON image_bases (base_repository_id, base_tag);

CREATE TABLE base_image_sources (
    repository_id BIGINT PRIMARY KEY,
    created_at    BIGINT NOT NULL
);
