package io.spyglass.advisory.source.alpine;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.advisory.Advisory;
import io.spyglass.advisory.Affected;
import io.spyglass.advisory.InvalidAdvisoryException;
import io.spyglass.advisory.Namespaces;
import io.spyglass.advisory.source.FeedTrees;
import io.spyglass.advisory.source.Parsed;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Alpine secdb file (YAML or JSON: {@code distroversion}, {@code packages[].pkg.secfixes}
 * mapping a fixed apk version to the CVEs it fixes). Each CVE becomes an advisory of source
 * {@code alpine} with one entry per package; fixed version {@code 0} means the package was never
 * affected. The secdb names origin (source) packages.
 */
public final class AlpineSecdbParser {
    private final String source;
    private final String rollingNamespace;

    /**
     * @param source           the store's source name ({@code alpine}, {@code wolfi}, {@code chainguard})
     * @param rollingNamespace the namespace for a secdb without {@code distroversion} (Wolfi, Chainguard
     *                         are rolling), or null when a release is required
     */
    public AlpineSecdbParser(String source, String rollingNamespace) {
        this.source = source;
        this.rollingNamespace = rollingNamespace;
    }

    public Parsed parse(String file, byte[] bytes) {
        Parsed.Collector out = new Parsed.Collector(file);
        JsonNode root;
        try {
            root = FeedTrees.read(file, bytes);
        } catch (IllegalArgumentException e) {
            return Parsed.failed(file, e.getMessage());
        }
        String release = FeedTrees.text(root, "distroversion");
        if (release == null && rollingNamespace != null && root.has("packages")) release = "";
        // an empty repository writes `packages:` with nothing under it
        JsonNode packages = root.path("packages");
        boolean empty = packages.isNull() || (packages.isTextual() && packages.asText().isBlank());
        if (release == null || !(packages.isArray() || empty)) {
            return Parsed.failed(file, "not an Alpine secdb file (no distroversion/packages)");
        }
        String namespace;
        try {
            namespace = release.isEmpty() ? rollingNamespace : Namespaces.distro("alpine", release);
        } catch (InvalidAdvisoryException e) {
            // a distroversion of only "v" or blanks names no branch: the file is refused, not the import
            return Parsed.failed(file, "distroversion '" + release + "' names no Alpine release");
        }
        Map<String, Advisory.Builder> byCve = new LinkedHashMap<>();
        for (JsonNode p : root.path("packages")) {
            String name = FeedTrees.text(p.path("pkg"), "name");
            if (name == null) {
                out.problem(null, "package entry without a name");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.path("pkg").path("secfixes").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> fix = it.next();
                String version = fix.getKey().trim();
                for (JsonNode c : fix.getValue()) add(byCve, out, namespace, name, version, c.asText());
            }
        }
        byCve.values().forEach(b -> out.add(b.build()));
        return out.done();
    }

    private void add(Map<String, Advisory.Builder> byCve, Parsed.Collector out, String namespace, String name,
                            String version, String text) {
        // entries are "CVE-2019-14904", sometimes "CVE-2016-0682 (comment)" or "XSA-123"
        String id = text.trim().split("\\s+")[0];
        if (id.isEmpty()) return;
        try {
            Affected a = version.equals("0")
                    ? Affected.notAffected(namespace, name, "secdb: fixed version 0")
                    : Affected.fixedIn(namespace, name, version);
            byCve.computeIfAbsent(id, k -> Advisory.builder(k, source)
                    .reference("ADVISORY", "https://security.alpinelinux.org/vuln/" + k)).affected(a);
        } catch (InvalidAdvisoryException e) {
            out.problem(id, name + ": " + e.getMessage());
        }
    }
}
