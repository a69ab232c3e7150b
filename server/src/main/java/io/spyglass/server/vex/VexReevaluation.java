package io.spyglass.server.vex;

import io.spyglass.vex.VexDocument;
import io.spyglass.vex.VexVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Re-evaluates a repository's images after one of its VEX documents came, changed or went: each
 * stored finding of the images the document names is decided with the documents in force before
 * and after, and every finding whose verdict moved is written to the repository's VEX history.
 * Stored findings and packages only: no layer is read and no package is matched again.
 */
final class VexReevaluation {
    /** How many images were looked at and how many findings changed. */
    record Outcome(int images, int changes) {}

    private VexReevaluation() {}

    static Outcome run(Handle h, long repositoryId, RepositoryVex before, RepositoryVex after, VexDocument changed) {
        List<String> images = images(h, repositoryId, changed);
        List<VexStore.Change> changes = new ArrayList<>();
        for (String digest : images) {
            for (RepositoryVex.Row r : RepositoryVex.rows(h, digest)) {
                VexVerdict was = before.verdict(digest, r.vulnerabilityId(), r.advisoryIds(), r.purl());
                VexVerdict now = after.verdict(digest, r.vulnerabilityId(), r.advisoryIds(), r.purl());
                if (same(was, now)) continue;
                changes.add(new VexStore.Change(digest, r.vulnerabilityId(), r.packageName(), r.packageVersion(),
                        change(was, now), reason(now)));
            }
        }
        VexStore.history(h, repositoryId, changes);
        io.spyglass.server.analysis.policy.ImagePolicies.queue(h, images); // suppressed findings do not count in policies
        return new Outcome(images.size(), changes.size());
    }

    /** The repository's analysed images the document names: by digest, or all of them when it names packages. */
    private static List<String> images(Handle h, long repositoryId, VexDocument changed) {
        List<String> analysed = h.createQuery("SELECT DISTINCT ti.manifest_digest FROM tag_images ti JOIN image_analyses a "
                        + "ON a.manifest_digest = ti.manifest_digest WHERE ti.repository_id = :r AND a.status = 'done' "
                        + "ORDER BY ti.manifest_digest")
                .bind("r", repositoryId).mapTo(String.class).list();
        if (changed.namesPackages()) return analysed;
        Set<String> named = changed.imageDigests();
        return analysed.stream().filter(named::contains).toList();
    }

    private static boolean same(VexVerdict a, VexVerdict b) {
        if (a == null || b == null) return a == b;
        return a.status() == b.status() && Objects.equals(a.describe(), b.describe()) && Objects.equals(a.documentId(), b.documentId());
    }

    private static String change(VexVerdict was, VexVerdict now) {
        if (now != null && now.suppresses()) return "suppressed";
        if (was != null && was.suppresses()) return "unsuppressed";
        return "annotated";
    }

    private static String reason(VexVerdict now) {
        if (now == null) return "VEX statement withdrawn";
        return now.describe() + (now.author() == null ? "" : " (" + now.author() + ")");
    }
}
