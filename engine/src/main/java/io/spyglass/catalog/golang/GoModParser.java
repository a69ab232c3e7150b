package io.spyglass.catalog.golang;

import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code go.mod}: every {@code require} (single line or block) is a package; {@code replace}
 * directives (optionally for one version) swap in the replacement's path and version, except a
 * replacement by a local folder, which keeps what was required; {@code exclude} drops that exact
 * module version. The module itself is the application and is not a package. An unknown directive
 * means the file is not a go.mod Go could read, so it becomes an Unknown.
 */
final class GoModParser {
    private static final Set<String> DIRECTIVES = Set.of(
            "module", "go", "toolchain", "require", "replace", "exclude", "retract", "godebug", "tool", "ignore");

    private GoModParser() {}

    static ParseResult parse(String path, String text) {
        Map<String, String> required = new LinkedHashMap<>();
        List<String[]> replaces = new ArrayList<>();
        Set<String> excluded = new HashSet<>();
        String block = null;
        int lineNo = 0;
        for (String raw : text.split("\r?\n")) {
            lineNo++;
            String line = stripComment(raw).trim();
            if (line.isEmpty()) continue;
            if (block != null) {
                if (line.equals(")")) block = null;
                else directive(block, line, required, replaces, excluded);
                continue;
            }
            String keyword = line.split("\\s+", 2)[0];
            if (!DIRECTIVES.contains(keyword)) {
                return ParseResult.unknown(path, "go.mod line " + lineNo + ": unknown directive '" + keyword + "'");
            }
            String rest = line.substring(keyword.length()).trim();
            if (rest.equals("(")) block = keyword;
            else directive(keyword, rest, required, replaces, excluded);
        }
        List<Package> out = new ArrayList<>();
        for (Map.Entry<String, String> r : required.entrySet()) {
            String[] resolved = replace(r.getKey(), r.getValue(), replaces);
            if (excluded.contains(r.getKey() + "@" + r.getValue())) continue;
            out.add(GoPackages.module(resolved[0], resolved[1], path));
        }
        return ParseResult.of(out);
    }

    private static void directive(String keyword, String args, Map<String, String> required,
                                  List<String[]> replaces, Set<String> excluded) {
        String[] f = args.split("\\s+");
        switch (keyword) {
            case "require" -> {
                if (f.length < 2) throw new IllegalArgumentException("require without a version: " + args);
                required.put(f[0], f[1]);
            }
            case "exclude" -> {
                if (f.length >= 2) excluded.add(f[0] + "@" + f[1]);
            }
            case "replace" -> {
                int arrow = args.indexOf("=>");
                if (arrow < 0) throw new IllegalArgumentException("replace without =>: " + args);
                String[] from = args.substring(0, arrow).trim().split("\\s+");
                String[] to = args.substring(arrow + 2).trim().split("\\s+");
                replaces.add(new String[] {from[0], from.length > 1 ? from[1] : null, to[0], to.length > 1 ? to[1] : null});
            }
            default -> { }
        }
    }

    /** {path, version} after the last matching replace (a versioned replace matches only that version). */
    private static String[] replace(String module, String version, List<String[]> replaces) {
        String[] result = {module, version};
        for (String[] r : replaces) {
            boolean matches = r[0].equals(module) && (r[1] == null || r[1].equals(version));
            if (matches && r[3] != null && !GoPackages.isLocalPath(r[2])) {
                result = new String[] {r[2], r[3]};
            }
        }
        return result;
    }

    /** Drops a {@code //} comment (module paths and versions never contain one). */
    private static String stripComment(String line) {
        int c = line.indexOf("//");
        return c < 0 ? line : line.substring(0, c);
    }
}
