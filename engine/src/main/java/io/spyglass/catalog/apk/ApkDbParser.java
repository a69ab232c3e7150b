package io.spyglass.catalog.apk;

import io.spyglass.catalog.BoundedLineReader;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseProblem;
import io.spyglass.catalog.ParseResult;
import io.spyglass.catalog.Unknown;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads apk's installed database: one record per package, separated by blank lines, each line a
 * one-letter key, a colon and a value ({@code P} name, {@code V} version, {@code A} arch,
 * {@code o} origin, {@code L} licence). File lines ({@code F}, {@code R}, {@code Z}, …) repeat and
 * are skipped. A record with a line of another shape becomes an {@link Unknown}; the rest stand.
 */
final class ApkDbParser {
    private static final int MAX_LINE = 1 << 20;
    private static final int MAX_RECORDS = 200_000;
    private static final String KEPT_KEYS = "PVAoL";

    private final String path;
    private final List<Package> packages = new ArrayList<>();
    private final List<Unknown> unknowns = new ArrayList<>();

    ApkDbParser(String path) {
        this.path = path;
    }

    ParseResult parse(InputStream content) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(content, MAX_LINE);
        Map<Character, String> fields = new HashMap<>();
        String problem = null;
        int lineNo = 0;
        int recordStart = 1;
        int records = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                if (!fields.isEmpty() || problem != null) {
                    if (++records > MAX_RECORDS) {
                        unknowns.add(new Unknown(path, null, "more than " + MAX_RECORDS + " records; rest not read"));
                        return new ParseResult(packages, unknowns);
                    }
                    finish(fields, problem, recordStart);
                }
                fields = new HashMap<>();
                problem = null;
                recordStart = lineNo + 1;
            } else if (line.length() < 2 || line.charAt(1) != ':' || reader.lastLineTruncated()) {
                if (problem == null) problem = "line " + lineNo + " is not a 'K:value' line";
            } else if (KEPT_KEYS.indexOf(line.charAt(0)) >= 0) {
                fields.putIfAbsent(line.charAt(0), line.substring(2).trim());
            }
        }
        if (!fields.isEmpty() || problem != null) finish(fields, problem, recordStart);
        return new ParseResult(packages, unknowns);
    }

    private void finish(Map<Character, String> fields, String problem, int recordStart) {
        String name = fields.getOrDefault('P', "");
        String version = fields.getOrDefault('V', "");
        String where = name.isEmpty() ? "record at line " + recordStart : "package '" + name + "'";
        if (problem != null) {
            unknowns.add(new Unknown(path, null, "apk database " + where + ": " + problem));
        } else if (name.isEmpty() || version.isEmpty()) {
            unknowns.add(new Unknown(path, null, "apk database " + where + ": no " + (name.isEmpty() ? "P (name)" : "V (version)") + " line"));
        } else {
            try {
                packages.add(ApkPackages.of(path, name, version, fields.get('A'), fields.get('o'), fields.get('L')));
            } catch (IllegalArgumentException e) {
                unknowns.add(new Unknown(path, null, "apk database " + where + ": " + ParseProblem.describe(e)));
            }
        }
    }
}
