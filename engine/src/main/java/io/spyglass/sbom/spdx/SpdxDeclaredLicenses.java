package io.spyglass.sbom.spdx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A package's {@code licenseDeclared} as a list of licences. */
final class SpdxDeclaredLicenses {
    private SpdxDeclaredLicenses() {}

    /** Our own writer joins licences with AND; a plain conjunction is split back, LicenseRefs resolved. */
    static List<String> read(String declared, Map<String, String> extracted) {
        if (declared.isBlank() || declared.equals("NOASSERTION") || declared.equals("NONE")) return List.of();
        boolean conjunction = !declared.contains("(") && !declared.contains(" OR ") && !declared.contains(" WITH ");
        List<String> out = new ArrayList<>();
        for (String part : conjunction ? declared.split(" AND ") : new String[] {declared}) {
            out.add(extracted.getOrDefault(part.trim(), part.trim()));
        }
        return out;
    }
}
