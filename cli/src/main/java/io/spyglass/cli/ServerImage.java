package io.spyglass.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image named by a plain {@code NS/REPO[:TAG]}, no scheme: its stored report on "this Spyglass
 * server" ({@code --server}). Anything with a scheme ({@code registry://}, {@code oci-dir://}, …)
 * is read locally instead; a scheme-less name that is a local file or folder is refused with a hint,
 * so a path is never sent to a server by mistake.
 */
record ServerImage(String namespace, String repository, String tag) {
    private static final String REPOSITORY = "([a-z0-9]+(?:[._-][a-z0-9]+)*)/([a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)";
    private static final Pattern NAME = Pattern.compile(REPOSITORY + "(?::([A-Za-z0-9_][A-Za-z0-9._-]{0,127}))?");

    ServerImage {
        if (namespace == null || repository == null || tag == null) throw new IllegalArgumentException("namespace, repository and tag are required");
    }

    /** Whether {@code image} is meant for a server: it has no scheme. */
    static boolean isPlain(String image) {
        return image != null && !image.contains("://");
    }

    /** Parses {@code NS/REPO[:TAG]} (tag latest when absent); the error names what to write instead. */
    static ServerImage parse(String image) {
        if (image.startsWith("/") || image.startsWith(".") || image.startsWith("~") || exists(image)) {
            throw new IllegalArgumentException("'" + image + "' is a local path; name it oci-dir://" + image + " (OCI layout) or archive://"
                    + image + " (docker save / OCI archive). A plain NS/REPO:TAG means an image on the Spyglass server given by --server.");
        }
        Matcher m = NAME.matcher(image);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + image + "' is not NAMESPACE/REPOSITORY[:TAG] (an image on the Spyglass server given by --server); "
                    + "local and registry images need a scheme: " + ImageOptions.IMAGE_HELP);
        }
        return new ServerImage(m.group(1), m.group(2), m.group(3) == null ? "latest" : m.group(3));
    }

    /** Checks a repository name {@code NS/NAME} (no tag) and returns it; the error names what is wrong. */
    static String repository(String name) {
        if (name == null || !name.matches(REPOSITORY)) {
            throw new IllegalArgumentException("'" + name + "' is not a repository NAMESPACE/NAME (lower-case letters, digits and . _ -"
                    + (name != null && name.contains(":") ? "; no tag" : "") + ")");
        }
        return name;
    }

    private static boolean exists(String image) {
        try {
            return Files.exists(Path.of(image));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The tag's path under {@code /api/repositories/}. */
    String apiPath() {
        return namespace + "/" + repository + "/tags/" + tag;
    }

    @Override
    public String toString() {
        return namespace + "/" + repository + ":" + tag;
    }
}
