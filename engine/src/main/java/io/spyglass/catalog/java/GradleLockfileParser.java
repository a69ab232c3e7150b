package io.spyglass.catalog.java;

import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gradle.lockfile}: one {@code group:artifact:version=configuration,…} line per locked
 * module ({@code empty=…} lists configurations without dependencies). Every configuration counts,
 * test classpaths included, as syft reads it: the lock file does not say what ships.
 */
final class GradleLockfileParser {
    private GradleLockfileParser() {}

    static ParseResult parse(String path, String text) throws FileContent.MalformedContentException {
        List<Package> out = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\r?\n")) {
            lineNo++;
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("empty=")) continue;
            int eq = line.indexOf('=');
            String[] gav = (eq < 0 ? line : line.substring(0, eq)).split(":");
            if (gav.length != 3 || gav[0].isBlank() || gav[1].isBlank() || gav[2].isBlank()) {
                throw new FileContent.MalformedContentException("gradle.lockfile line " + lineNo
                        + " is not group:artifact:version=configurations");
            }
            out.add(MavenPackages.create(gav[0], gav[1], gav[2], path));
        }
        return ParseResult.of(out);
    }
}
