package io.spyglass.catalog.ruby;

import io.spyglass.catalog.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An installed gem's specification, as RubyGems writes it ({@code Gem::Specification.new do |s|}
 * then {@code s.name = "x".freeze}, {@code s.version = "1.2"}, {@code s.licenses = ["MIT".freeze]}).
 * The Ruby is not run: these generated files are plain assignments of string literals, read by pattern.
 * A file whose block is not closed was cut short and is an Unknown, as RubyGems cannot load it either.
 */
final class GemspecParser {
    private static final Pattern ASSIGN = Pattern.compile(
            "^\\s*\\w+\\.(name|version|licenses?)\\s*=\\s*(.+?)\\s*$", Pattern.MULTILINE);
    /** "x", 'x', and the %q{x} / %q<x> literals older RubyGems wrote. */
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"|'([^']*)'|%q\\{([^}]*)}|%q<([^>]*)>");
    /** The line that closes the specification block; a file cut short has none. */
    private static final Pattern CLOSED = Pattern.compile("(?m)^\\s*(end|})\\s*(#.*)?\\z");

    private GemspecParser() {}

    static ParseResult parse(String path, String text) {
        // RubyGems skips a specification it cannot load, so the gem of a cut-short file is not installed
        if (!CLOSED.matcher(text.stripTrailing()).find()) {
            return ParseResult.unknown(path, "gemspec cut short: the specification block is not closed");
        }
        String name = null;
        String version = null;
        List<String> licenses = new ArrayList<>();
        Matcher m = ASSIGN.matcher(text);
        while (m.find()) {
            List<String> strings = strings(m.group(2));
            if (strings.isEmpty()) continue;
            switch (m.group(1)) {
                case "name" -> name = name == null ? strings.get(0) : name;
                case "version" -> version = version == null ? strings.get(0) : version;
                default -> strings.stream().filter(s -> !licenses.contains(s)).forEach(licenses::add);
            }
        }
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            return ParseResult.unknown(path, "gemspec without a string name and version assignment");
        }
        return ParseResult.of(List.of(GemPackages.create(name, version, licenses, path)));
    }

    private static List<String> strings(String expression) {
        List<String> out = new ArrayList<>();
        Matcher s = STRING.matcher(expression);
        while (s.find()) {
            for (int g = 1; g <= s.groupCount(); g++) {
                if (s.group(g) != null) {
                    out.add(s.group(g));
                    break;
                }
            }
        }
        return out;
    }
}
