package io.spyglass.server.web;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.AffectedEntry;
import io.spyglass.advisory.PackageKey;
import io.spyglass.server.analysis.report.ReportModel.PackageHit;
import io.spyglass.server.analysis.report.Reports;
import io.spyglass.server.hub.Caller;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Package names in the search box: the packages the advisory data names (with their
 * vulnerabilities), and the stored packages of images the viewer may pull.
 */
final class PackageSearch {
    static final int MAX_PACKAGES = 30;
    static final int MAX_IMAGES = 100;
    private static final int IDS_SHOWN = 8;

    private PackageSearch() {}

    /** A package the advisory data names: namespace, name, and its vulnerability ids (the first few shown). */
    record AdvisoryPackageRow(String namespace, String name, int count, List<String> ids) {
        AdvisoryPackageRow {
            ids = List.copyOf(ids);
        }
    }

    /** A stored package in a tag the viewer may pull; {@code url} is the tag's Packages tab. */
    record ImagePackageRow(String repository, String tag, String url, String shortDigest, String type, String name,
                           String version, String path, long findings) {}

    /** Names containing {@code text}, any case; exact names first, then shorter names. */
    static List<AdvisoryPackageRow> advisories(AdvisoryIndex index, String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return index.keys().stream().filter(k -> k.name().toLowerCase(Locale.ROOT).contains(t))
                .sorted(Comparator.comparing((PackageKey k) -> !exact(k.name(), t))
                        .thenComparingInt(k -> k.name().length()).thenComparing(Comparator.naturalOrder()))
                .limit(MAX_PACKAGES).map(k -> row(index, k)).toList();
    }

    /** An exact name, or a Maven artifact id after the group ({@code group:artifact}). */
    private static boolean exact(String name, String text) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals(text) || n.endsWith(":" + text) || n.endsWith("/" + text);
    }

    private static AdvisoryPackageRow row(AdvisoryIndex index, PackageKey key) {
        List<String> ids = index.lookup(key).stream().map(PackageSearch::id).distinct().sorted().toList();
        return new AdvisoryPackageRow(key.namespace(), key.name(), ids.size(), ids.subList(0, Math.min(IDS_SHOWN, ids.size())));
    }

    private static String id(AffectedEntry e) {
        return e.vulnerability() != null ? e.vulnerability().id() : e.advisory().id();
    }

    /** Stored packages of images the viewer may pull, or none when this server runs no analysis. */
    static List<ImagePackageRow> images(Reports reports, Caller caller, String text) {
        if (reports == null) return List.of();
        return reports.packages(caller, text, MAX_IMAGES).stream().map(PackageSearch::row).toList();
    }

    private static ImagePackageRow row(PackageHit h) {
        String digest = h.digest().substring(h.digest().indexOf(':') + 1);
        return new ImagePackageRow(h.namespace() + "/" + h.name(), h.tag(),
                "/r/" + h.namespace() + "/" + h.name() + "/-/tags/" + h.tag() + "/packages",
                digest.substring(0, Math.min(12, digest.length())), h.type(), h.packageName(),
                h.packageVersion() == null ? "" : h.packageVersion(), h.path() == null ? "" : h.path(), h.findings());
    }
}
