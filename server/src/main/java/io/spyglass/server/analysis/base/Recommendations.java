package io.spyglass.server.analysis.base;

import io.spyglass.baseimage.NewerTags;
import io.spyglass.server.analysis.base.BaseImageModel.Recommendation;
import io.spyglass.server.analysis.base.BaseImageModel.SeverityDelta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Recommendations for a stored base, computed when read from the stored tags and findings (a few
 * indexed queries), so they follow every push of a base tag and every re-evaluation of advisories
 * without being stored themselves: the tag pushed again with another image ({@code refresh}), and
 * newer tags of the same flavour as any tag naming the base image ({@code newer-tag}, see
 * {@link NewerTags}), each with the vulnerabilities it fixes and adds.
 */
final class Recommendations {
    /** Newer tags offered at most: the newest ones are what anyone would pick. */
    static final int NEWER_TAGS = 3;

    private Recommendations() {}

    private record TagImage(String tag, String digest, String platform, long pushedAt, String status, Long size) {}

    static List<Recommendation> of(Handle h, BaseImages.Stored base, String repository, String platform) {
        Map<String, List<TagImage>> byTag = new LinkedHashMap<>();
        h.createQuery("SELECT ti.tag, ti.manifest_digest, ti.platform AS tag_platform, ti.pushed_at, a.status, a.size, a.platform "
                        + "FROM tag_images ti LEFT JOIN image_analyses a ON a.manifest_digest = ti.manifest_digest "
                        + "WHERE ti.repository_id = :repo ORDER BY ti.tag, ti.manifest_digest")
                .bind("repo", base.repositoryId())
                .map((rs, ctx) -> {
                    String p = rs.getString("platform") != null ? rs.getString("platform") : rs.getString("tag_platform");
                    long size = rs.getLong("size");
                    Long sizeOrNull = rs.wasNull() ? null : size;
                    return new TagImage(rs.getString("tag"), rs.getString("manifest_digest"), p, rs.getLong("pushed_at"),
                            rs.getString("status"), sizeOrNull);
                })
                .list().forEach(t -> byTag.computeIfAbsent(t.tag(), x -> new ArrayList<>()).add(t));
        List<Recommendation> out = new ArrayList<>();
        Set<String> offered = new LinkedHashSet<>();
        offered.add(base.digest());
        TagImage refreshed = pick(byTag.get(base.tag()), platform);
        Map<String, String> baseVulns = vulnerabilities(h, base.digest());
        Long baseSize = h.createQuery("SELECT size FROM image_analyses WHERE manifest_digest = :md").bind("md", base.digest())
                .mapTo(Long.class).findOne().orElse(null);
        if (refreshed != null && offered.add(refreshed.digest())) {
            out.add(recommendation(h, "refresh", repository, refreshed, baseVulns, baseSize));
        }
        // every tag that names the base image now, and the detected one: bookworm and bookworm-20240701 alike
        Set<String> names = new LinkedHashSet<>();
        names.add(base.tag());
        byTag.forEach((tag, images) -> {
            if (images.stream().anyMatch(i -> i.digest().equals(base.digest()))) names.add(tag);
        });
        // the detected tag's upgrades first, each name's newest version first (NewerTags' order)
        List<TagImage> newer = new ArrayList<>();
        for (String name : names) {
            for (String tag : NewerTags.of(name, byTag.keySet())) {
                TagImage t = pick(byTag.get(tag), platform);
                if (t != null && newer.stream().noneMatch(n -> n.tag().equals(tag))) newer.add(t);
            }
        }
        for (TagImage t : newer) {
            if (out.stream().filter(r -> r.kind().equals("newer-tag")).count() >= NEWER_TAGS) break;
            if (offered.add(t.digest())) out.add(recommendation(h, "newer-tag", repository, t, baseVulns, baseSize));
        }
        return out;
    }

    /** The image of a tag for the base's platform; a tag of one image offers that one. */
    private static TagImage pick(List<TagImage> images, String platform) {
        if (images == null || images.isEmpty()) return null;
        for (TagImage i : images) if (Objects.equals(i.platform(), platform)) return i;
        return images.size() == 1 ? images.get(0) : null;
    }

    private static Recommendation recommendation(Handle h, String kind, String repository, TagImage t,
                                                 Map<String, String> baseVulns, Long baseSize) {
        if (!"done".equals(t.status())) {
            return new Recommendation(kind, repository, t.tag(), t.digest(), t.status() == null ? "off" : t.status(),
                    null, null, t.size(), baseSize, t.pushedAt());
        }
        Map<String, String> theirs = vulnerabilities(h, t.digest());
        SeverityDelta fixed = SeverityDelta.ZERO, added = SeverityDelta.ZERO;
        for (Map.Entry<String, String> v : baseVulns.entrySet()) if (!theirs.containsKey(v.getKey())) fixed = fixed.plus(v.getValue());
        for (Map.Entry<String, String> v : theirs.entrySet()) if (!baseVulns.containsKey(v.getKey())) added = added.plus(v.getValue());
        return new Recommendation(kind, repository, t.tag(), t.digest(), "done", fixed, added, t.size(), baseSize, t.pushedAt());
    }

    /** An image's distinct vulnerability ids with their worst severity. */
    private static Map<String, String> vulnerabilities(Handle h, String digest) {
        List<String> order = List.of("critical", "high", "medium", "low");
        Map<String, String> out = new HashMap<>();
        h.createQuery("SELECT vulnerability_id, severity FROM findings WHERE manifest_digest = :md").bind("md", digest)
                .map((rs, ctx) -> Map.entry(rs.getString("vulnerability_id"), rs.getString("severity")))
                .list()
                .forEach(e -> out.merge(e.getKey(), e.getValue(), (a, b) -> rank(order, a) <= rank(order, b) ? a : b));
        return out;
    }

    private static int rank(List<String> order, String severity) {
        int i = order.indexOf(severity);
        return i < 0 ? order.size() : i;
    }
}
