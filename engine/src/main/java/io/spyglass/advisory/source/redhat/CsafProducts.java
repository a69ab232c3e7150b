package io.spyglass.advisory.source.redhat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.spyglass.advisory.source.FeedTrees;
import java.util.HashMap;
import java.util.Map;

/**
 * A CSAF product tree resolved for matching: a full product id
 * ({@code AppStream-8.8.0.Z.MAIN.EUS:ruby-2.7.8-139…src.rpm-ruby:2.7}) → the RHEL release it ships in
 * (from the platform's CPE) and the rpm it is (from the component's purl).
 */
final class CsafProducts {
    /** One rpm in one RHEL release; {@code version} is [epoch:]version-release, {@code module} the stream or null. */
    record Rpm(String namespace, String name, String version, String arch, String module) {}

    private final Map<String, JsonNode> products = new HashMap<>();
    private final Map<String, String[]> relationships = new HashMap<>();

    CsafProducts(JsonNode tree) {
        walk(tree);
        for (JsonNode r : tree.path("relationships")) {
            String id = FeedTrees.text(r.path("full_product_name"), "product_id");
            if (id != null) relationships.put(id, new String[] {FeedTrees.text(r, "product_reference"), FeedTrees.text(r, "relates_to_product_reference")});
        }
    }

    private void walk(JsonNode branch) {
        JsonNode p = branch.get("product");
        if (p != null && FeedTrees.text(p, "product_id") != null) products.put(FeedTrees.text(p, "product_id"), p);
        for (JsonNode b : branch.path("branches")) walk(b);
    }

    /** The rpm a product id names, or null when it is no RHEL rpm (containers, other products, unresolvable ids). */
    Rpm rpm(String productId) {
        String[] rel = relationships.get(productId);
        if (rel == null || rel[0] == null || rel[1] == null) return null;
        String namespace = namespace(products.get(rel[1]));
        JsonNode component = products.get(rel[0]);
        if (namespace == null || component == null) return null;
        String purl = FeedTrees.text(component.path("product_identification_helper"), "purl");
        if (purl == null) return null;
        try {
            PackageURL p = new PackageURL(purl);
            if (!p.getType().equals("rpm") || p.getVersion() == null) return null;
            Map<String, String> q = p.getQualifiers() == null ? Map.of() : p.getQualifiers();
            String epoch = q.get("epoch");
            String version = epoch == null || epoch.equals("0") ? p.getVersion() : epoch + ":" + p.getVersion();
            String module = rel[0].contains(".rpm-") ? rel[0].substring(rel[0].indexOf(".rpm-") + 5) : null;
            return new Rpm(namespace, p.getName(), version, q.get("arch"), module);
        } catch (MalformedPackageURLException e) {
            return null;
        }
    }

    // cpe:/a:redhat:enterprise_linux:8::appstream, cpe:/o:redhat:rhel_els:6, cpe:/a:redhat:rhel_eus:8.8::appstream
    private static String namespace(JsonNode platform) {
        if (platform == null) return null;
        String cpe = FeedTrees.text(platform.path("product_identification_helper"), "cpe");
        if (cpe == null) return null;
        String[] parts = cpe.split(":");
        if (parts.length < 5 || !parts[2].equals("redhat")) return null;
        if (!parts[3].startsWith("enterprise_linux") && !parts[3].startsWith("rhel")) return null;
        String major = parts[4].split("\\.")[0];
        return major.matches("\\d+") ? "redhat:" + major : null;
    }
}
