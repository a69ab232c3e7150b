package io.spyglass.server.analysis.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.compare.FindingDelta;
import io.spyglass.compare.PackageDelta;
import io.spyglass.match.Finding;
import io.spyglass.match.Matcher;
import io.spyglass.sbom.JsonSbomReader;
import io.spyglass.sbom.Sbom;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.Database;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Two tags of a repository compared with the engine's {@link PackageDelta} and {@link FindingDelta},
 * exactly as {@code spyglass compare} does: each tag's stored SBOM is read back and matched with
 * the current advisory index (no layer is read). The caller has checked the viewer may pull the
 * repository.
 */
final class TagComparisons {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_PLATFORM = "linux/amd64";

    private final Database db;
    private final Supplier<AdvisoryIndex> index;

    TagComparisons(Database db, Supplier<AdvisoryIndex> index) {
        this.db = db;
        this.index = index;
    }

    /** Empty when either tag does not exist; {@link Comparison.NotReady} when one has no stored report to compare. */
    Optional<Comparison> compare(Repository repo, String from, String to, String platform) {
        Optional<Side> a = side(repo, from, platform);
        Optional<Side> b = side(repo, to, platform);
        if (a.isEmpty() || b.isEmpty()) return Optional.empty();
        if (repo.imageInsight().equals("none")) throw new Comparison.NotReady("image analysis is off for " + repo.fullName());
        Sbom sa = sbom(repo, a.get());
        Sbom sb = sbom(repo, b.get());
        Matcher matcher = new Matcher(index.get());
        List<Finding> fa = matcher.match(sa);
        List<Finding> fb = matcher.match(sb);
        return Optional.of(Comparison.of(repo, a.get().ref(), b.get().ref(), PackageDelta.of(sa, sb), FindingDelta.of(fa, fb)));
    }

    /** The tag's image for {@code platform} (else linux/amd64, else its only or first image). */
    private Optional<Side> side(Repository repo, String tag, String platform) {
        if (tag == null || tag.isBlank()) return Optional.empty();
        List<Side> images = db.withHandle(h -> h.createQuery("SELECT ti.manifest_digest, COALESCE(ti.platform, a.platform), a.status, s.sbom FROM tag_images ti "
                        + "LEFT JOIN image_analyses a ON a.manifest_digest = ti.manifest_digest "
                        + "LEFT JOIN image_sboms s ON s.manifest_digest = ti.manifest_digest "
                        + "WHERE ti.repository_id = :repo AND ti.tag = :tag ORDER BY ti.platform, ti.manifest_digest")
                .bind("repo", repo.id()).bind("tag", tag)
                .map((rs, ctx) -> new Side(new Comparison.TagRef(tag, rs.getString(1), rs.getString(2)), rs.getString(3), rs.getString(4)))
                .list());
        if (images.isEmpty()) return Optional.empty();
        String wanted = platform == null || platform.isBlank() ? DEFAULT_PLATFORM : platform;
        Optional<Side> chosen = images.stream().filter(s -> wanted.equals(s.ref().platform())).findFirst();
        if (chosen.isPresent() || platform != null && !platform.isBlank()) return chosen;
        return Optional.of(images.get(0));
    }

    private static Sbom sbom(Repository repo, Side side) {
        if (!"done".equals(side.status()) || side.sbom() == null) {
            throw new Comparison.NotReady(repo.fullName() + ":" + side.ref().tag() + " has no report yet ("
                    + (side.status() == null ? "not analysed" : side.status()) + ")");
        }
        try {
            return JsonSbomReader.read(JSON.readTree(side.sbom()), repo.fullName() + ":" + side.ref().tag());
        } catch (IOException e) {
            throw new IllegalStateException("stored SBOM of " + side.ref().digest() + " is not JSON", e);
        }
    }

    private record Side(Comparison.TagRef ref, String status, String sbom) {}
}
