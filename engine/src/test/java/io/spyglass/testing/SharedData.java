package io.spyglass.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the team's shared test data ({@code ../shared} beside the project) and the built corpus
 * images. Tests call {@link #require} so a missing file skips the test with a clear message rather
 * than failing or, worse, passing on nothing.
 *
 * <p>Overrides: {@code SPYGLASS_SHARED} (folder holding {@code data/} and {@code corpus/}),
 * {@code SPYGLASS_CORPUS} (output folder of {@code shared/corpus/build-all.sh}).
 */
public final class SharedData {
    private SharedData() {}

    /** The project root (the folder with the parent pom). */
    public static Path projectRoot() {
        String prop = System.getProperty("spyglass.projectRoot");
        if (prop != null && !prop.isBlank()) return Path.of(prop).toAbsolutePath().normalize();
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("engine").resolve("pom.xml"))) p = p.getParent();
        return p == null ? Path.of("").toAbsolutePath() : p;
    }

    /** The shared folder ({@code ../shared} beside the project), or null when absent. */
    public static Path sharedRoot() {
        String env = System.getenv("SPYGLASS_SHARED");
        if (env != null && !env.isBlank()) return Path.of(env);
        Path candidate = projectRoot().getParent() == null ? null : projectRoot().getParent().resolve("shared");
        return candidate != null && Files.isDirectory(candidate) ? candidate : null;
    }

    /** The corpus build output (default {@code /var/tmp/spyglass-corpus}). */
    public static Path corpusRoot() {
        String env = System.getenv("SPYGLASS_CORPUS");
        return Path.of(env != null && !env.isBlank() ? env : "/var/tmp/spyglass-corpus");
    }

    /** A path under shared/, or skips the calling test when it is absent. */
    public static Path require(String relative) {
        Path root = sharedRoot();
        assumeTrue(root != null, "shared test data folder not found (../shared beside the project; set SPYGLASS_SHARED)");
        Path p = root.resolve(relative);
        assumeTrue(Files.exists(p), "shared test data absent: " + p);
        return p;
    }

    /** A path under the built corpus (e.g. {@code debian/oci}), or skips the test when not built. */
    public static Path requireCorpus(String relative) {
        Path p = corpusRoot().resolve(relative);
        assumeTrue(Files.exists(p), "corpus image absent: " + p
                + " (build it with ../shared/corpus/build-all.sh " + corpusRoot() + ")");
        return p;
    }
}
