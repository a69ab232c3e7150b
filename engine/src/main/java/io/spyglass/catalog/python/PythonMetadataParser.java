package io.spyglass.catalog.python;

import io.spyglass.catalog.ParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Core metadata (PEP 241/566/643: RFC 822 style headers, the body after the first blank line is the
 * description and is ignored). Only Name, Version and the licence fields are kept.
 */
final class PythonMetadataParser {
    private PythonMetadataParser() {}

    static ParseResult parse(String path, String text) {
        Map<String, List<String>> headers = headers(text);
        String name = first(headers, "name");
        if (name == null || name.isBlank()) {
            return ParseResult.unknown(path, "python metadata without a Name field");
        }
        String version = first(headers, "version");
        return ParseResult.of(List.of(PythonPackages.create(name.trim(),
                version == null || version.isBlank() ? null : version.trim(), licenses(headers), path)));
    }

    /** License-Expression (PEP 639) wins, then a short License field, then trove classifiers. */
    static List<String> licenses(Map<String, List<String>> headers) {
        String expression = first(headers, "license-expression");
        if (expression != null && !expression.isBlank()) return List.of(expression.trim());
        String license = first(headers, "license");
        if (license != null && !license.isBlank() && !license.contains("\n")
                && !license.equalsIgnoreCase("UNKNOWN") && license.length() < 120) {
            return List.of(license.trim());
        }
        List<String> fromClassifiers = new ArrayList<>();
        for (String c : headers.getOrDefault("classifier", List.of())) {
            if (c.startsWith("License ::")) {
                fromClassifiers.add(c.substring(c.lastIndexOf("::") + 2).trim());
            }
        }
        return fromClassifiers;
    }

    /** Header name (lower case) to values in file order; continuation lines are joined with newlines. */
    static Map<String, List<String>> headers(String text) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) break;
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                int last = current.size() - 1;
                current.set(last, current.get(last) + "\n" + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            current = headers.computeIfAbsent(key, k -> new ArrayList<>());
            current.add(line.substring(colon + 1).trim());
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String key) {
        List<String> values = headers.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
