package io.spyglass.catalog.deb;

import io.spyglass.catalog.BoundedLineReader;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseProblem;
import io.spyglass.catalog.ParseResult;
import io.spyglass.catalog.Unknown;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a dpkg status file: RFC 822-like stanzas separated by blank lines, {@code Field: value}
 * lines with indented continuation lines. Each stanza is judged on its own, so one garbled stanza
 * becomes an {@link Unknown} while the others are kept.
 */
final class DpkgStatusParser {
    /** Longest line kept; dpkg's own fields (Description, Conffiles lines) stay far below this. */
    private static final int MAX_LINE = 1 << 20;
    /** More stanzas than any real system has (a large Ubuntu has a few thousand). */
    private static final int MAX_STANZAS = 200_000;

    private final String path;
    private final List<Package> packages = new ArrayList<>();
    private final List<Unknown> unknowns = new ArrayList<>();

    DpkgStatusParser(String path) {
        this.path = path;
    }

    ParseResult parse(InputStream content) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(content, MAX_LINE);
        Map<String, String> fields = new LinkedHashMap<>();
        String lastKey = null;
        String problem = null;
        int lineNo = 0;
        int stanzaStart = 1;
        int stanzas = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                if (!fields.isEmpty() || problem != null) {
                    if (++stanzas > MAX_STANZAS) return tooMany();
                    finish(fields, problem, stanzaStart);
                }
                fields = new LinkedHashMap<>();
                lastKey = null;
                problem = null;
                stanzaStart = lineNo + 1;
            } else if (reader.lastLineTruncated()) {
                problem = problem != null ? problem : "line " + lineNo + " is longer than " + MAX_LINE + " characters";
            } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (lastKey == null) problem = problem != null ? problem : "line " + lineNo + ": continuation without a field";
                // continuation lines (Description, Conffiles) carry nothing the inventory needs
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    problem = problem != null ? problem : "line " + lineNo + ": not a 'Field: value' line";
                    continue;
                }
                lastKey = line.substring(0, colon).trim();
                fields.putIfAbsent(lastKey, line.substring(colon + 1).trim());
            }
        }
        if (!fields.isEmpty() || problem != null) finish(fields, problem, stanzaStart);
        return new ParseResult(packages, unknowns);
    }

    private ParseResult tooMany() {
        unknowns.add(new Unknown(path, null, "more than " + MAX_STANZAS + " stanzas; rest not read"));
        return new ParseResult(packages, unknowns);
    }

    private void finish(Map<String, String> fields, String problem, int stanzaStart) {
        String name = fields.getOrDefault("Package", "");
        String where = name.isEmpty() ? "stanza at line " + stanzaStart : "package '" + name + "'";
        if (problem != null) {
            unknowns.add(new Unknown(path, null, "dpkg status " + where + ": " + problem));
        } else if (name.isEmpty()) {
            unknowns.add(new Unknown(path, null, "dpkg status " + where + ": no Package field"));
        } else if (!isInstalled(fields.get("Status"))) {
            return; // removed, config-files only, half-installed: not on the system
        } else if (fields.getOrDefault("Version", "").isEmpty()) {
            unknowns.add(new Unknown(path, null, "dpkg status " + where + ": no Version field"));
        } else {
            try {
                packages.add(DebPackages.of(path, fields));
            } catch (IllegalArgumentException e) {
                unknowns.add(new Unknown(path, null, "dpkg status " + where + ": " + ParseProblem.describe(e)));
            }
        }
    }

    /**
     * dpkg's Status is "want flag state"; only state {@code installed} is on the system. Distroless
     * status.d stanzas have no Status at all: they list exactly what the image contains.
     */
    static boolean isInstalled(String status) {
        if (status == null) return true;
        String[] words = status.trim().split("\\s+");
        return words.length == 3 && words[2].equals("installed");
    }
}
