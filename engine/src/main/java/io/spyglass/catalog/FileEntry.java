package io.spyglass.catalog;

/**
 * A regular file of the image's filesystem as a cataloger sees it: a clean relative path (no
 * leading slash, no {@code ..}), its size in bytes and its Unix mode bits.
 */
public record FileEntry(String path, long size, int mode) {

    /** True when any execute bit is set. */
    public boolean isExecutable() {
        return (mode & 0111) != 0;
    }

    /** The last path element. */
    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
