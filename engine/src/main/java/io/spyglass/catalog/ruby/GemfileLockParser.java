package io.spyglass.catalog.ruby;

import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Gemfile.lock}: the {@code specs:} of the GEM, GIT, PATH and PLUGIN SOURCE sections list
 * every resolved gem at four spaces of indentation ({@code    rack (1.5.2)}); six spaces are that
 * gem's own requirements. Other sections (PLATFORMS, DEPENDENCIES, BUNDLED WITH, unknown ones) are
 * not gems. A platform suffix ({@code 1.10.0-x86_64-linux}) is not part of the version.
 */
final class GemfileLockParser {
    private static final Set<String> SOURCES = Set.of("GEM", "GIT", "PATH", "PLUGIN SOURCE");
    private static final Pattern SPEC = Pattern.compile("^ {4}([^\\s(]+) \\(([^)]+)\\)$");

    private GemfileLockParser() {}

    static ParseResult parse(String path, String text) {
        Set<String> seen = new LinkedHashSet<>();
        List<Package> out = new ArrayList<>();
        boolean inSource = false;
        boolean sawSource = false;
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty()) continue;
            if (!Character.isWhitespace(line.charAt(0))) {
                inSource = SOURCES.contains(line.trim());
                sawSource |= inSource;
                continue;
            }
            if (!inSource) continue;
            Matcher m = SPEC.matcher(line);
            if (!m.matches()) continue;
            String version = m.group(2);
            int dash = version.indexOf('-');
            if (dash > 0) version = version.substring(0, dash);
            if (seen.add(m.group(1) + "@" + version)) out.add(GemPackages.create(m.group(1), version, List.of(), path));
        }
        if (!sawSource && !text.isBlank()) {
            return ParseResult.unknown(path, "Gemfile.lock without a GEM, GIT or PATH section");
        }
        return ParseResult.of(out);
    }
}
