package io.spyglass.cli;

import io.spyglass.match.Finding;
import io.spyglass.sbom.Sbom;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --only-base} / {@code --ignore-base}: keep the findings of packages from the image's base image, or drop them. */
final class BaseOriginOptions {
    @Option(names = "--only-base", description = "Keep only vulnerabilities of packages that came with the base image (server reports).")
    boolean onlyBase;

    @Option(names = "--ignore-base", description = "Drop vulnerabilities of packages that came with the base image (server reports).")
    boolean ignoreBase;

    boolean any() {
        return onlyBase || ignoreBase;
    }

    /** Refuses the options before anything is read when they cannot apply to {@code image}. */
    void check(String image, ImageOptions options) {
        if (!any()) return;
        if (onlyBase && ignoreBase) throw new IllegalArgumentException("--only-base and --ignore-base exclude each other");
        if (!options.onServer(image)) {
            throw new IllegalArgumentException("--only-base and --ignore-base need the base a Spyglass server detected: name the image NS/REPO[:TAG] with --server");
        }
    }

    /** The findings kept; the base is the one the server's report names ({@code base} is null for a local image, which {@link #check} refused). */
    List<Finding> apply(String image, ServerBaseImage base, Sbom sbom, List<Finding> findings) throws IOException {
        if (!any()) return findings;
        if (!base.hasBase()) throw new IOException("no base image is known for " + image + ", so nothing is from a base");
        return base.keep(findings, sbom, onlyBase);
    }
}
