package io.spyglass.version;

import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the shared version vector files ({@code data/version-vectors/...}) line by line. */
final class VersionVectors {
    private VersionVectors() {}

    /** One line of a vector file: the file, its line number and the line without its comment. */
    record Line(String file, int number, String text) {
        String[] fields() {
            return text.trim().split("\\s+");
        }

        @Override
        public String toString() {
            return file.substring(file.lastIndexOf('/') + 1) + ":" + number + "  " + text;
        }
    }

    /**
     * The lines of {@code relative} (under shared/) that are not blank or comments: a line starting with
     * {@code "# "} or {@code "//"}, or the rest of a line after whitespace and {@code #}. A {@code #} inside a
     * version ({@code 1.2.3.#}) is data. When the shared folder is absent
     * one placeholder line is returned, and {@link #require} skips the test for it with a clear message.
     */
    static List<Line> lines(String relative) {
        Path root = SharedData.sharedRoot();
        Path file = root == null ? null : root.resolve(relative);
        if (file == null || !Files.exists(file)) return List.of(new Line(relative, 0, "(absent)"));
        List<Line> out = new ArrayList<>();
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < all.size(); i++) {
                String text = all.get(i).trim();
                // osv-scalibr's rule: "# " and "// " start comment lines; apk's version.data has trailing "\t# why"
                if (text.equals("#") || text.startsWith("# ") || text.startsWith("//")) text = "";
                text = text.replaceFirst("\\s+#.*$", "");
                if (!text.isBlank()) out.add(new Line(relative, i + 1, text.trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) throw new IllegalStateException(relative + " has no vectors");
        return out;
    }

    /** Skips the calling test when the vector file is absent. */
    static void require(Line line) {
        SharedData.require(line.file());
    }
}
