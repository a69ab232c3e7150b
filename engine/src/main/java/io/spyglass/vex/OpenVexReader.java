package io.spyglass.vex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an OpenVEX document (https://github.com/openvex/spec, v0.2.0; the v0.0.x shapes with a
 * plain-string vulnerability and product list are read too, as vexctl still writes them). A
 * document that would change findings on a guess is refused whole, with the reason: no statements,
 * a statement without a vulnerability or product, an unknown status, {@code not_affected} without a
 * justification or impact statement (the spec requires one), an unknown justification.
 */
public final class OpenVexReader {
    static final Set<String> JUSTIFICATIONS = Set.of("component_not_present", "vulnerable_code_not_present",
            "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary",
            "inline_mitigations_already_exist");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenVexReader() {}

    public static VexDocument read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new VexException("not JSON: " + e.getOriginalMessage(), e);
        }
        return read(root);
    }

    public static VexDocument read(byte[] bytes) {
        try {
            return read(JSON.readTree(bytes));
        } catch (JsonProcessingException e) {
            throw new VexException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new VexException("unreadable: " + e.getMessage(), e);
        }
    }

    private static VexDocument read(JsonNode root) {
        if (root == null || !root.isObject()) throw new VexException("not an OpenVEX document: the top level is not a JSON object");
        String context = text(root, "@context");
        if (context == null || !context.startsWith("https://openvex.dev/ns")) {
            throw new VexException("not an OpenVEX document: @context is " + (context == null ? "missing" : "'" + context + "'")
                    + ", expected https://openvex.dev/ns/v0.2.0");
        }
        String id = text(root, "@id");
        if (id == null) throw new VexException("the document has no @id");
        Instant documentTime = time(root, "timestamp", "the document");
        Instant updated = time(root, "last_updated", "the document");
        if (updated != null) documentTime = updated;
        JsonNode statements = root.get("statements");
        if (statements == null || !statements.isArray() || statements.isEmpty()) throw new VexException("the document has no statements");
        List<VexStatement> read = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) read.add(statement(statements.get(i), i, documentTime));
        int version = root.path("version").asInt(1);
        return new VexDocument(id, text(root, "author"), documentTime, version, read);
    }

    private static VexStatement statement(JsonNode s, int index, Instant documentTime) {
        String where = "statement " + (index + 1);
        if (!s.isObject()) throw new VexException(where + " is not a JSON object");
        JsonNode v = s.get("vulnerability");
        String name;
        List<String> aliases = new ArrayList<>();
        if (v != null && v.isTextual()) {
            name = v.asText(); // v0.0.x
        } else if (v != null && v.isObject()) {
            name = text(v, "name");
            if (name == null) name = text(v, "@id");
            for (JsonNode a : v.path("aliases")) if (a.isTextual()) aliases.add(a.asText());
        } else {
            name = null;
        }
        if (name == null || name.isBlank()) throw new VexException(where + " names no vulnerability");
        List<VexProduct> products = products(s.get("products"), where);
        if (products.isEmpty()) throw new VexException(where + " (" + name + ") names no product");
        VexStatus status;
        try {
            status = VexStatus.parse(text(s, "status"));
        } catch (VexException e) {
            throw new VexException(where + " (" + name + "): " + e.getMessage());
        }
        String justification = text(s, "justification");
        String impact = text(s, "impact_statement");
        if (justification != null && !JUSTIFICATIONS.contains(justification)) {
            throw new VexException(where + " (" + name + "): unknown justification '" + justification + "'; one of: "
                    + String.join(", ", JUSTIFICATIONS.stream().sorted().toList()));
        }
        if (status == VexStatus.NOT_AFFECTED && justification == null && impact == null) {
            throw new VexException(where + " (" + name + "): not_affected needs a justification or an impact_statement");
        }
        Instant time = time(s, "timestamp", where);
        Instant updated = time(s, "last_updated", where);
        if (updated != null) time = updated;
        return new VexStatement(name.trim(), aliases, products, status, justification, impact,
                text(s, "action_statement"), time != null ? time : documentTime);
    }

    private static List<VexProduct> products(JsonNode list, String where) {
        List<VexProduct> products = new ArrayList<>();
        if (list == null || !list.isArray()) return products;
        for (JsonNode p : list) {
            String id = productId(p);
            if (id == null) throw new VexException(where + " has a product without @id or identifiers");
            List<String> subcomponents = new ArrayList<>();
            for (JsonNode c : p.path("subcomponents")) {
                String sub = productId(c);
                if (sub == null) throw new VexException(where + ": product " + id + " has a subcomponent without @id or identifiers");
                subcomponents.add(sub);
            }
            products.add(new VexProduct(id, subcomponents));
        }
        return products;
    }

    /** A product is named by its {@code @id}, or by {@code identifiers.purl} when it has no @id. */
    private static String productId(JsonNode p) {
        if (p.isTextual()) return p.asText().isBlank() ? null : p.asText().trim(); // v0.0.x
        String id = text(p, "@id");
        if (id == null) id = text(p.path("identifiers"), "purl");
        return id;
    }

    private static Instant time(JsonNode node, String field, String where) {
        String t = text(node, field);
        if (t == null) return null;
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new VexException(where + ": " + field + " '" + t + "' is not an RFC 3339 time");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText().trim() : null;
    }
}
