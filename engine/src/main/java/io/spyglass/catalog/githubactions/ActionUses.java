package io.spyglass.catalog.githubactions;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.ParseResult;
import io.spyglass.catalog.Purls;
import io.spyglass.catalog.Unknown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code uses:} values of one file into packages. {@code owner/repo/sub/path@ref} is named
 * {@code owner/repo/sub/path}, purl {@code pkg:github/owner/repo@ref#sub/path}. Local actions
 * ({@code ./x}) and container actions ({@code docker://}) are not packages. A ref pinned to a commit
 * SHA takes its version from the trailing comment when there is one
 * ({@code @11bd7190… # v4.2.2} → v4.2.2; {@code # v 11} → 11), as Dependabot and syft read it.
 * The YAML parser drops comments, so they are read from the raw lines.
 */
final class ActionUses {
    private static final Pattern USES_LINE = Pattern.compile("^\\s*(?:-\\s*)?uses:\\s*[\"']?([^\"'\\s#]+)[\"']?\\s*#\\s*(.*)$");
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern COMMENT_VERSION = Pattern.compile("^(?:v\\s+)?(\\S+)");

    private final String path;
    private final Map<String, String> comments = new HashMap<>();
    private final Map<String, Package> packages = new LinkedHashMap<>();
    private final List<Unknown> unknowns = new ArrayList<>();

    ActionUses(String path, String text) {
        this.path = path;
        for (String line : text.split("\r?\n")) {
            Matcher m = USES_LINE.matcher(line);
            if (m.matches()) comments.putIfAbsent(m.group(1), m.group(2).trim());
        }
    }

    void add(String uses) {
        String u = uses.trim();
        if (u.isEmpty() || u.startsWith("./") || u.startsWith("../") || u.startsWith("docker://")) return;
        int at = u.lastIndexOf('@');
        String name = at > 0 ? u.substring(0, at) : u;
        String[] parts = name.split("/", 3);
        if (at <= 0 || at == u.length() - 1 || parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            // one odd step (a typo, or a YAML alias, which reads as its anchor's name) loses only itself
            unknowns.add(new Unknown(path, null, "uses: '" + uses + "' is not owner/repo[/path]@ref"));
            return;
        }
        String version = version(u, u.substring(at + 1));
        String subpath = parts.length == 3 ? parts[2] : null;
        packages.computeIfAbsent(name + "@" + version, k -> new Package(PackageType.GITHUB, name, version,
                Purls.of("github", parts[0], parts[1], version, subpath), null, null, List.of(),
                List.of(Location.of(path))));
    }

    private String version(String uses, String ref) {
        String comment = comments.get(uses);
        if (comment == null || !SHA.matcher(ref).matches()) return ref;
        Matcher m = COMMENT_VERSION.matcher(comment);
        return m.find() ? m.group(1) : ref;
    }

    ParseResult result() {
        return new ParseResult(List.copyOf(packages.values()), unknowns);
    }
}
