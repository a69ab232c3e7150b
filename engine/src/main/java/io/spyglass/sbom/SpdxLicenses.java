package io.spyglass.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the licence strings catalogers found ({@code GPL-2.0-or-later}, {@code MIT AND BSD-3-Clause},
 * but also {@code GPL3} or {@code MIT BSD GPL2+}) into SPDX license expressions where they are
 * one. The SPDX license and exception ids come from the {@code spdx.schema.json} that
 * cyclonedx-core-java ships (the list the CycloneDX schema itself validates against).
 */
public final class SpdxLicenses {
    private static final String RESOURCE = "/spdx.schema.json";
    private static volatile Map<String, String> ids;

    private SpdxLicenses() {}

    /** The canonical SPDX id for {@code id} (case-insensitive), or null when it is none. */
    public static String canonicalId(String id) {
        return id == null ? null : ids().get(id.toLowerCase(Locale.ROOT));
    }

    /**
     * The licence as a valid SPDX expression (ids in canonical case, operators upper-case), or null
     * when it is not one: an unknown id, two ids with no operator between them, unbalanced parentheses.
     */
    public static String expression(String license) {
        if (license == null || license.isBlank()) return null;
        List<String> out = new ArrayList<>();
        boolean wantOperand = true;
        int depth = 0;
        for (String token : license.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+")) {
            String upper = token.toUpperCase(Locale.ROOT);
            if (token.equals("(") && wantOperand) {
                depth++;
                out.add(token);
            } else if (token.equals(")") && !wantOperand && depth > 0) {
                depth--;
                out.add(token);
            } else if ((upper.equals("AND") || upper.equals("OR") || upper.equals("WITH")) && !wantOperand) {
                out.add(upper);
                wantOperand = true;
            } else if (wantOperand && operand(token) != null) {
                out.add(operand(token));
                wantOperand = false;
            } else {
                return null;
            }
        }
        if (wantOperand || depth != 0) return null;
        return String.join(" ", out).replace("( ", "(").replace(" )", ")");
    }

    private static String operand(String token) {
        if (token.startsWith("LicenseRef-") && token.matches("LicenseRef-[A-Za-z0-9.-]+")) return token;
        boolean plus = token.endsWith("+");
        String id = canonicalId(plus ? token.substring(0, token.length() - 1) : token);
        return id == null ? null : plus ? id + "+" : id;
    }

    private static Map<String, String> ids() {
        Map<String, String> loaded = ids;
        if (loaded != null) return loaded;
        try (InputStream in = SpdxLicenses.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " not on the classpath (cyclonedx-core-java)");
            Map<String, String> map = new HashMap<>();
            for (JsonNode id : new ObjectMapper().readTree(in).path("enum")) {
                map.put(id.asText().toLowerCase(Locale.ROOT), id.asText());
            }
            ids = Map.copyOf(map);
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
