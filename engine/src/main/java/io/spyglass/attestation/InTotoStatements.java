package io.spyglass.attestation;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.sbom.spdx.SpdxSbomReader;
import java.io.IOException;

/**
 * Reads one in-toto statement (an attestation layer, {@code application/vnd.in-toto+json}) into an
 * {@link Attestation}. Statement v0.1 and v1 share the fields read here: {@code _type},
 * {@code subject}, {@code predicateType}, {@code predicate}.
 */
public final class InTotoStatements {
    public static final String SPDX = "https://spdx.dev/Document";
    public static final String SLSA_V02 = "https://slsa.dev/provenance/v0.2";
    public static final String SLSA_V1 = "https://slsa.dev/provenance/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    private InTotoStatements() {}

    /** The statement in {@code bytes}; an {@link AttestationException} says why it is not one. */
    public static Attestation read(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new AttestationException("not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) throw new AttestationException("not an in-toto statement (not a JSON object)");
        if (!root.path("_type").asText().startsWith("https://in-toto.io/Statement/")) {
            throw new AttestationException("not an in-toto statement (_type is '" + root.path("_type").asText() + "')");
        }
        String type = root.path("predicateType").asText("");
        if (type.isEmpty()) throw new AttestationException("in-toto statement without a predicateType");
        JsonNode predicate = root.path("predicate");
        if (!predicate.isObject()) throw new AttestationException(type + " statement without a predicate object");
        if (type.equals(SLSA_V02) || type.equals(SLSA_V1)) return new Attestation.ProvenanceAttestation(ProvenanceReader.read(type, predicate));
        if (type.equals(SPDX)) {
            try {
                return new Attestation.SbomAttestation(type, SpdxSbomReader.read(predicate, "attestation"));
            } catch (IllegalArgumentException e) {
                throw new AttestationException("SPDX predicate: " + e.getMessage(), e);
            }
        }
        return new Attestation.OtherAttestation(type);
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
