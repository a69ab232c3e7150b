package io.spyglass.server.analysis.base;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Turns the one base image a provenance attestation names ({@code [registry/]NS/NAME[:tag][@sha256:…]},
 * see {@code Provenance#baseImageRef}) into a stored base ({@link BaseImages#fromProvenance}), when
 * that image is known here: a tag of a repository of this registry holding that digest (or, without
 * a digest, that tag). The repository must be one a viewer of the image could see (public, or in the
 * namespace the image was analysed for), as for bases found from layers.
 */
public final class ProvenanceBases {
    private ProvenanceBases() {}

    /** A reference split into repository path, tag and digest (either may be null). */
    record Reference(String path, String tag, String digest) {
        static Reference parse(String ref) {
            String digest = null, rest = ref;
            int at = rest.indexOf('@');
            if (at >= 0) {
                digest = rest.substring(at + 1);
                rest = rest.substring(0, at);
            }
            String tag = null;
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf('/')) {
                tag = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
            return new Reference(rest, tag, digest);
        }

        /** NS/NAME candidates: the path as written, then without a leading registry host. */
        List<String> repositories() {
            List<String> out = new ArrayList<>();
            out.add(path.contains("/") ? path : "library/" + path);
            int slash = path.indexOf('/');
            if (slash > 0) {
                String first = path.substring(0, slash);
                if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                    String rest = path.substring(slash + 1);
                    out.add(rest.contains("/") ? rest : "library/" + rest);
                }
            }
            return out;
        }
    }

    /** Records the base the provenance names for {@code manifestDigest}; false when that image is not known here. */
    public static boolean record(Handle h, String manifestDigest, String reference) {
        Reference ref = Reference.parse(reference);
        String namespace = h.createQuery("SELECT r.namespace FROM image_analyses a JOIN repositories r ON r.id = a.repository_id "
                        + "WHERE a.manifest_digest = :md")
                .bind("md", manifestDigest).mapTo(String.class).findOne()
                .orElseGet(() -> h.createQuery("SELECT MIN(r.namespace) FROM tag_images ti JOIN repositories r ON r.id = ti.repository_id "
                        + "WHERE ti.manifest_digest = :md").bind("md", manifestDigest).mapTo(String.class).findOne().orElse(""));
        for (String repository : ref.repositories()) {
            Optional<Image> image = image(h, repository, ref, namespace, manifestDigest);
            if (image.isPresent()) {
                return BaseImages.fromProvenance(h, manifestDigest, repository, image.get().tag(), image.get().digest());
            }
        }
        return false;
    }

    private record Image(String tag, String digest, String platform) {}

    /**
     * The named image in the repository: the row holding the digest (an index's rows are its
     * platforms' images: the one of the attested image's platform), else the tag's image.
     */
    private static Optional<Image> image(Handle h, String repository, Reference ref, String namespace, String manifestDigest) {
        int slash = repository.indexOf('/');
        List<Image> rows = h.createQuery("SELECT ti.tag, ti.manifest_digest, ti.platform FROM tag_images ti "
                        + "JOIN repositories r ON r.id = ti.repository_id WHERE r.namespace = :ns AND r.name = :name "
                        + "AND (r.private = :no OR r.namespace = :viewer) "
                        + "AND (ti.manifest_digest = :d OR ti.tag_digest = :d OR (:d = '' AND ti.tag = :tag)) "
                        + "ORDER BY ti.pushed_at DESC, ti.tag")
                .bind("ns", repository.substring(0, slash)).bind("name", repository.substring(slash + 1))
                .bind("no", false).bind("viewer", namespace)
                .bind("d", ref.digest() == null ? "" : ref.digest()).bind("tag", ref.tag() == null ? "" : ref.tag())
                .map((rs, ctx) -> new Image(rs.getString("tag"), rs.getString("manifest_digest"), rs.getString("platform")))
                .list();
        if (rows.isEmpty()) return Optional.empty();
        String platform = h.createQuery("SELECT COALESCE(a.platform, (SELECT MIN(ti.platform) FROM tag_images ti "
                        + "WHERE ti.manifest_digest = :md)) FROM image_analyses a WHERE a.manifest_digest = :md")
                .bind("md", manifestDigest).mapTo(String.class).findOne()
                .orElseGet(() -> h.createQuery("SELECT MIN(platform) FROM tag_images WHERE manifest_digest = :md")
                        .bind("md", manifestDigest).mapTo(String.class).findOne().orElse(null));
        // the tag written in the reference when it names this image, else the newest tag naming it
        List<Image> ofPlatform = rows.stream().filter(r -> platform == null || r.platform() == null || platform.equals(r.platform())).toList();
        List<Image> pick = ofPlatform.isEmpty() ? rows : ofPlatform;
        Image chosen = pick.stream().filter(r -> r.tag().equals(ref.tag())).findFirst().orElse(pick.get(0));
        if (ofPlatform.isEmpty() && rows.stream().map(Image::digest).distinct().count() > 1) return Optional.empty();
        return Optional.of(chosen);
    }
}
