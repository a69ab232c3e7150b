package io.spyglass.sbom;

import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** SBOMs of the corpus images, made once per test run by the real walker and all catalogers. */
public final class CorpusSboms {
    private static final Map<String, Sbom> CACHE = new ConcurrentHashMap<>();

    private CorpusSboms() {}

    /** {@code image} is a corpus folder ({@code debian}, {@code rpm}, …); skips when the corpus is absent. */
    public static Sbom of(String image, String tag) {
        var layout = SharedData.requireCorpus(image + "/oci");
        return CACHE.computeIfAbsent(image + ":" + tag, k -> {
            try (OciLayoutSource source = OciLayoutSource.open(layout, tag)) {
                return new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Every field a reader must bring back, one line per package. {@code exact}: CycloneDX keeps the
     * licence list and diffIds as they were; SPDX has one licence expression (the list joined by AND)
     * and no diffId.
     */
    public static List<String> describe(List<Package> packages, boolean exact) {
        return packages.stream().map(p -> String.join(" | ", p.type().id(), p.name(), String.valueOf(p.version()),
                String.valueOf(p.purl()), String.valueOf(p.sourceName()), String.valueOf(p.sourceVersion()),
                exact ? p.licenses().toString() : String.join(" AND ", p.licenses()),
                p.locations().stream().map(l -> location(l, exact)).toList().toString())).toList();
    }

    private static String location(Location l, boolean withDiffId) {
        return l.path() + "@" + l.layer() + (withDiffId ? "/" + l.diffId() : "");
    }
}
