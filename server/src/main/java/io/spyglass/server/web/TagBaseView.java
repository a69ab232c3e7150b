package io.spyglass.server.web;

import io.spyglass.server.analysis.base.BaseImageModel;
import io.spyglass.server.analysis.base.BaseImageModel.ImageBase;
import io.spyglass.server.analysis.base.BaseImageModel.SeverityDelta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tag page's base image card and "Recommended fixes", and the origin filter ({@code ?origin=base}
 * or {@code top}) of the Vulnerabilities and Packages tabs. {@code baseLayers} are the digests of
 * the image's layers that came with the base.
 */
record TagBaseView(BaseImageModel.BaseImage base, String baseUrl, List<Fix> fixes, Set<String> baseLayers, String origin) {
    static final TagBaseView NONE = new TagBaseView(null, "", List.of(), Set.of(), "");

    TagBaseView {
        fixes = List.copyOf(fixes);
        baseLayers = Set.copyOf(baseLayers);
    }

    /** One recommendation as a row: what to move to and what it changes. */
    record Fix(String kind, String reference, String url, String digest, String status, SeverityCounts fixed,
               SeverityCounts added, String size, String age) {
        boolean compared() {
            return fixed != null;
        }
    }

    /**
     * @param layers the image's layer digests in order (empty steps left out)
     * @param origin the filter asked for; anything but base or top means none
     */
    static TagBaseView of(Optional<ImageBase> found, List<String> layers, String origin) {
        if (found.isEmpty()) return NONE;
        BaseImageModel.BaseImage base = found.get().baseImage();
        Set<String> baseLayers = new HashSet<>(layers.subList(0, Math.min(base.layers(), layers.size())));
        String url = "/r/" + base.repository() + "/-/tags/" + base.tag();
        Instant now = Instant.now();
        List<Fix> fixes = new ArrayList<>();
        for (BaseImageModel.Recommendation r : found.get().recommendations()) {
            fixes.add(new Fix(r.kind().equals("refresh") ? "Refresh" : "Newer tag", r.repository() + ":" + r.tag(),
                    "/r/" + r.repository() + "/-/tags/" + r.tag(), short19(r.digest()), r.status(), counts(r.fixed()), counts(r.added()),
                    r.size() == null ? "—" : Formats.size(r.size()), Formats.ago(r.pushedAt(), now)));
        }
        return new TagBaseView(base, url, fixes, baseLayers, "base".equals(origin) || "top".equals(origin) ? origin : "");
    }

    boolean present() {
        return base != null;
    }

    String reference() {
        return base.repository() + ":" + base.tag();
    }

    String shortDigest() {
        return short19(base.digest());
    }

    String detectedBy() {
        return base.detectedBy().equals("provenance") ? "named by the image's provenance attestation" : "its layers start with the base's layers";
    }

    boolean fromBase(String layer) {
        return baseLayers.contains(layer);
    }

    List<TagReport.PackageFindings> findings(List<TagReport.PackageFindings> all) {
        return origin.isEmpty() ? all : all.stream().filter(p -> fromBase(p.layer()) == origin.equals("base")).toList();
    }

    List<TagReport.PackageRow> packages(List<TagReport.PackageRow> all) {
        return origin.isEmpty() ? all : all.stream().filter(p -> fromBase(p.layer()) == origin.equals("base")).toList();
    }

    /** The findings of the packages from the base ({@code true}) or added on top. */
    SeverityCounts counts(List<TagReport.PackageFindings> all, boolean fromBase) {
        return all.stream().filter(p -> fromBase(p.layer()) == fromBase).map(TagReport.PackageFindings::counts)
                .reduce(SeverityCounts.NONE, SeverityCounts::plus);
    }

    private static SeverityCounts counts(SeverityDelta d) {
        return d == null ? null : new SeverityCounts((int) d.critical(), (int) d.high(), (int) d.medium(), (int) d.low(), (int) d.other());
    }

    private static String short19(String digest) {
        return digest.length() > 19 ? digest.substring(0, 19) : digest;
    }
}
