package io.spyglass.vex;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spyglass.match.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Findings as an OpenVEX 0.2 document: one statement per finding, the image (by digest) as product
 * and the package's purl as its subcomponent. A finding a VEX statement decided keeps that status and
 * reason; an uncertain one is {@code under_investigation}; the rest are {@code affected}, with the
 * upgrade to make as the action statement.
 */
public final class OpenVexWriter {
    public static final String CONTEXT = "https://openvex.dev/ns/v0.2.0";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OpenVexWriter() {}

    public static void write(List<Finding> findings, Map<Finding, VexVerdict> verdicts, String imageDigest, Instant now,
            OutputStream out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("@context", CONTEXT);
        root.put("@id", "urn:uuid:" + UUID.randomUUID());
        root.put("author", "Spyglass");
        root.put("role", "Scanner");
        root.put("timestamp", now.toString());
        root.put("version", 1);
        root.put("tooling", "spyglass");
        ArrayNode statements = root.putArray("statements");
        for (Finding f : findings) statements.add(statement(f, verdicts.get(f), imageDigest));
        JSON.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, root);
        out.write('\n');
        out.flush();
    }

    private static ObjectNode statement(Finding f, VexVerdict verdict, String imageDigest) {
        ObjectNode s = JSON.createObjectNode();
        ObjectNode vulnerability = s.putObject("vulnerability").put("name", f.vulnerabilityId());
        if (!f.aliases().isEmpty()) {
            ArrayNode aliases = vulnerability.putArray("aliases");
            f.aliases().forEach(aliases::add);
        }
        ObjectNode product = s.putArray("products").addObject();
        String purl = f.pkg().purl();
        if (imageDigest != null) {
            product.put("@id", imageDigest);
            product.putObject("hashes").put("sha-256", imageDigest.substring(imageDigest.indexOf(':') + 1));
            if (purl != null) product.putArray("subcomponents").addObject().put("@id", purl);
        } else {
            product.put("@id", purl != null ? purl : f.pkg().type().id() + ":" + f.pkg().name() + "@" + f.pkg().version());
        }
        if (verdict != null) {
            VexStatement from = verdict.statement();
            s.put("status", from.status().id());
            if (from.justification() != null) s.put("justification", from.justification());
            if (from.impactStatement() != null) s.put("impact_statement", from.impactStatement());
            if (from.actionStatement() != null) s.put("action_statement", from.actionStatement());
            s.put("status_notes", "as stated by " + (verdict.author() == null ? verdict.documentId() : verdict.author()));
        } else if (f.uncertain()) {
            s.put("status", VexStatus.UNDER_INVESTIGATION.id());
            if (f.note() != null) s.put("status_notes", f.note());
        } else {
            s.put("status", VexStatus.AFFECTED.id());
            s.put("action_statement", f.isFixable()
                    ? "Upgrade " + f.pkg().name() + " to " + f.fixedVersion() + " or later"
                    : "No fixed version is known yet; remove " + f.pkg().name() + " or accept the risk");
        }
        return s;
    }
}
