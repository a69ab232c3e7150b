package io.spyglass.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The statements of an OpenVEX 0.2 document that remark a vulnerability as not a problem
 * ({@code not_affected} with a justification, or {@code fixed}). Read here until {@code cves --vex} exists.
 */
record OpenVex(List<Statement> statements) {

    /** A vulnerability (name and aliases) and the products (purls, version optional) it is remarked for. */
    record Statement(Set<String> vulnerability, List<String> products, String status) {}

    static OpenVex read(Path file) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        if (!doc.path("@context").asText().startsWith("https://openvex.dev/ns/v0.2")) {
            throw new IllegalArgumentException(file + ": not an OpenVEX 0.2 document (@context " + doc.path("@context") + ")");
        }
        List<Statement> out = new ArrayList<>();
        for (JsonNode s : doc.path("statements")) {
            String status = s.path("status").asText();
            if (status.equals("not_affected") && s.path("justification").asText().isBlank() && s.path("impact_statement").asText().isBlank()) {
                throw new IllegalArgumentException(file + ": a not_affected statement for " + s.path("vulnerability").path("name") + " needs a justification");
            }
            if (!status.equals("not_affected") && !status.equals("fixed")) continue;
            Set<String> names = new java.util.HashSet<>();
            names.add(s.path("vulnerability").path("name").asText());
            s.path("vulnerability").path("aliases").forEach(a -> names.add(a.asText()));
            List<String> products = new ArrayList<>();
            s.path("products").forEach(p -> products.add(p.path("@id").asText()));
            out.add(new Statement(Set.copyOf(names), List.copyOf(products), status));
        }
        return new OpenVex(List.copyOf(out));
    }

    /** True when a statement names this vulnerability (by id or alias) for this package's purl. */
    boolean remarks(Set<String> ids, String purl) {
        for (Statement s : statements) {
            if (s.vulnerability().stream().noneMatch(ids::contains)) continue;
            if (s.products().isEmpty() || s.products().stream().anyMatch(p -> samePackage(p, purl))) return true;
        }
        return false;
    }

    /** A product purl without a version covers every version of that package. */
    static boolean samePackage(String product, String purl) {
        String bare = purl.replaceFirst("[?#].*$", "");
        return product.contains("@") ? bare.equals(product.replaceFirst("[?#].*$", "")) : bare.replaceFirst("@[^@/]*$", "").equals(product);
    }
}
