package io.spyglass.catalog.alpm;

import io.spyglass.catalog.ParseProblem;
import io.spyglass.catalog.ParseResult;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one pacman {@code desc} file: sections that start with a {@code %KEY%} line, followed by
 * one value per line up to a blank line. %NAME% and %VERSION% (with epoch, e.g. {@code 1:1.2.12-1})
 * are required; %ARCH%, %BASE% (the source package) and %LICENSE% (one per line) are kept.
 */
final class AlpmDescParser {
    private static final Pattern KEY = Pattern.compile("%[A-Z0-9_]+%");
    /** A desc file is a few kB; %FILES% lives in a separate file. */
    private static final int MAX_BYTES = 16 << 20;

    private AlpmDescParser() {}

    static ParseResult parse(String path, InputStream content) throws IOException {
        byte[] bytes = content.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) return ParseResult.unknown(path, "pacman desc larger than " + MAX_BYTES + " bytes; not read");
        Map<String, List<String>> sections = new HashMap<>();
        List<String> current = null;
        int lineNo = 0;
        BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                current = null;
            } else if (current == null) {
                if (!KEY.matcher(line.trim()).matches()) {
                    return ParseResult.unknown(path, "pacman desc line " + lineNo + ": expected a %KEY% line, found '"
                            + abbreviate(line) + "'");
                }
                current = sections.computeIfAbsent(line.trim(), k -> new ArrayList<>());
            } else {
                current.add(line.trim());
            }
        }
        return toPackage(path, sections);
    }

    private static ParseResult toPackage(String path, Map<String, List<String>> sections) {
        String name = first(sections, "%NAME%");
        String version = first(sections, "%VERSION%");
        if (name == null || version == null) {
            return ParseResult.unknown(path, "pacman desc has no " + (name == null ? "%NAME%" : "%VERSION%"));
        }
        try {
            return ParseResult.of(List.of(AlpmPackages.of(path, name, version, first(sections, "%ARCH%"),
                    first(sections, "%BASE%"), sections.getOrDefault("%LICENSE%", List.of()))));
        } catch (IllegalArgumentException e) {
            return ParseResult.unknown(path, ParseProblem.describe(e));
        }
    }

    private static String first(Map<String, List<String>> sections, String key) {
        List<String> values = sections.get(key);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static String abbreviate(String line) {
        return line.length() <= 40 ? line : line.substring(0, 40) + "…";
    }
}
