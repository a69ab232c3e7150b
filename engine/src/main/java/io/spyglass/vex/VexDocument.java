package io.spyglass.vex;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** An OpenVEX document as read: its id, author, time and statements (at least one). */
public record VexDocument(String id, String author, Instant timestamp, int version, List<VexStatement> statements) {
    public VexDocument {
        Objects.requireNonNull(id, "id");
        statements = List.copyOf(statements);
    }

    /** The image digests ({@code sha256:…}) its products name, sorted. */
    public Set<String> imageDigests() {
        Set<String> out = new TreeSet<>();
        for (VexStatement s : statements) {
            for (VexProduct p : s.products()) {
                String digest = PurlMatch.imageDigest(p.id());
                if (digest != null) out.add(digest);
            }
        }
        return out;
    }

    /** True when a product is a package (a purl, not an image): it may concern any image holding that package. */
    public boolean namesPackages() {
        return statements.stream().flatMap(s -> s.products().stream()).anyMatch(p -> PurlMatch.imageDigest(p.id()) == null);
    }
}
