package io.spyglass.catalog.npm;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pnpm-lock.yaml}: the keys of {@code packages} name each resolved package, in three
 * spellings: v5 {@code /@scope/name/1.2.3_peer}, v6 {@code /name@1.2.3(peer@1)}, v9
 * {@code name@1.2.3}. Entries with {@code dev: true} are development-only and left out. A file may
 * hold several YAML documents (pnpm's own manager lock precedes the project's); all are read.
 */
final class PnpmLockParser {
    private PnpmLockParser() {}

    static ParseResult parse(String path, String text) throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        List<Package> out = new ArrayList<>();
        for (JsonNode doc : FileContent.yamlDocuments(text)) {
            if (doc == null || doc.isNull()) continue;
            if (!doc.isObject()) return ParseResult.unknown(path, "pnpm-lock.yaml document is not a mapping");
            for (Map.Entry<String, JsonNode> e : doc.path("packages").properties()) {
                if (e.getValue().path("dev").asBoolean(false)) continue;
                String[] nv = nameVersion(e.getKey());
                if (nv != null && seen.add(nv[0] + "@" + nv[1])) {
                    out.add(NpmPackages.create(nv[0], nv[1], List.of(), path));
                }
            }
        }
        return ParseResult.of(out);
    }

    /** {name, version} from a packages key, or null when the key has no version. */
    static String[] nameVersion(String key) {
        String k = key.startsWith("/") ? key.substring(1) : key;
        int paren = k.indexOf('(');
        if (paren > 0) k = k.substring(0, paren);
        int scopeEnd = k.startsWith("@") ? k.indexOf('/') + 1 : 0;
        // v5 separates the version with a slash ("/name/1.0.0"), v6 and v9 with an at sign
        int slash = k.indexOf('/', scopeEnd);
        int at = k.indexOf('@', scopeEnd);
        int split = slash > 0 && (at < 0 || slash < at) ? slash : at;
        if (split <= 0) return null;
        String name = k.substring(0, split);
        String version = k.substring(split + 1);
        int underscore = version.indexOf('_');
        if (underscore > 0) version = version.substring(0, underscore);
        return name.isEmpty() || version.isEmpty() ? null : new String[] {name, version};
    }
}
