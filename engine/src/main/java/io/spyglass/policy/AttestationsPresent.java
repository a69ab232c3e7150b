package io.spyglass.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The image carries the supply-chain attestations asked for (an SBOM and a provenance by default). */
final class AttestationsPresent implements Policy {
    static final String REQUIRE = "require";

    @Override
    public String name() {
        return "attestations-present";
    }

    @Override
    public String title() {
        return "Supply-chain attestations present (SBOM, provenance)";
    }

    @Override
    public Map<String, List<String>> defaults() {
        return Map.of(REQUIRE, List.of("sbom", "provenance"));
    }

    @Override
    public void check(String name, String value) {
        if (!value.equals("sbom") && !value.equals("provenance")) {
            throw new IllegalArgumentException("'" + value + "' is not an attestation kind (sbom, provenance)");
        }
    }

    @Override
    public PolicyResult evaluate(PolicyInput input, PolicyParameters parameters) {
        List<String> required = parameters.get(this, REQUIRE);
        for (String r : required) {
            if (!r.equals("sbom") && !r.equals("provenance")) {
                return PolicyResult.unknown(this, "cannot check for '" + r + "' (sbom, provenance)");
            }
        }
        if (required.isEmpty()) return PolicyResult.skipped(this, "no attestation is required");
        if (input.attestations().isEmpty()) return PolicyResult.unknown(this, "the image's attestations were not read");
        PolicyInput.AttestationStatus a = input.attestations().get();
        List<String> missing = new ArrayList<>();
        if (required.contains("sbom") && !a.hasSbom()) missing.add("SBOM");
        if (required.contains("provenance") && !a.hasProvenance()) missing.add("provenance");
        if (missing.isEmpty()) return PolicyResult.pass(this, "carries " + String.join(" and ", required));
        return PolicyResult.fail(this, "no " + String.join(" and no ", missing) + " attestation");
    }
}
