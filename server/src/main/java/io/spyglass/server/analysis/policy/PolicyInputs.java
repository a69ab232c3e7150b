package io.spyglass.server.analysis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.Severity;
import io.spyglass.image.Digest;
import io.spyglass.policy.ImageUser;
import io.spyglass.policy.PolicyInput;
import io.spyglass.policy.PolicyInput.FindingFact;
import io.spyglass.policy.PolicyInput.PackageLicences;
import io.spyglass.server.store.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers one image's {@link PolicyInput} from what the server stores: the config's user (the small
 * config blob, never a layer), the findings with the KEV flag from the node's advisory index, and
 * each package's licences from the stored SBOM. Base image and attestations are not produced by
 * any part of the server yet, so they stay unknown.
 */
final class PolicyInputs {
    private static final Logger log = LoggerFactory.getLogger(PolicyInputs.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_CONFIG = 4 * 1024 * 1024;

    private final BlobStore blobs;
    private final Supplier<AdvisoryIndex> index;
    // a config never changes under its digest
    private final Map<String, String> users = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 5000;
        }
    });

    PolicyInputs(BlobStore blobs, Supplier<AdvisoryIndex> index) {
        this.blobs = blobs;
        this.index = index;
    }

    PolicyInput read(Handle h, String digest, boolean kevCatalogue) {
        AdvisoryIndex idx = index.get();
        List<FindingFact> findings = h.createQuery("SELECT f.vulnerability_id, f.severity, f.fixed_version, p.name FROM findings f "
                        + "LEFT JOIN image_packages p ON p.manifest_digest = f.manifest_digest AND p.pkg = f.pkg "
                        + "WHERE f.manifest_digest = :md ORDER BY f.vulnerability_id")
                .bind("md", digest)
                .map((rs, ctx) -> new FindingFact(rs.getString("vulnerability_id"), rs.getString("name"),
                        Severity.parse(rs.getString("severity")), rs.getString("fixed_version") != null,
                        exploited(idx, rs.getString("vulnerability_id")),
                        // VEX suppression is wired where findings carry it (issue 11 item 4)
                        false))
                .list();
        return new PolicyInput(user(h, digest), findings, kevCatalogue, licences(h, digest), Optional.empty(), Optional.empty());
    }

    /** Whether a KEV catalogue has been imported into this server. */
    static boolean kevCatalogue(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM advisory_sources WHERE source = 'kev' AND record_count > 0")
                .mapTo(Long.class).one() > 0;
    }

    private static boolean exploited(AdvisoryIndex idx, String id) {
        if (idx.kev(id).isPresent()) return true;
        return idx.vulnerability(id).map(v -> v.kev() != null || v.aliases().stream().anyMatch(a -> idx.kev(a).isPresent()))
                .orElse(false);
    }

    private Optional<String> user(Handle h, String digest) {
        Optional<String> config = h.createQuery("SELECT config_digest FROM manifests WHERE digest = :d AND config_digest IS NOT NULL LIMIT 1")
                .bind("d", digest).mapTo(String.class).findOne();
        if (config.isEmpty()) return Optional.empty();
        String cached = users.get(config.get());
        if (cached != null) return Optional.of(cached);
        try {
            Digest d = Digest.parse(config.get());
            if (blobs.size(d) > MAX_CONFIG) throw new IOException("config is larger than " + MAX_CONFIG + " bytes");
            try (InputStream in = blobs.open(d, 0)) {
                String user = ImageUser.of(in.readAllBytes());
                users.put(config.get(), user);
                return Optional.of(user);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("config {} of {} could not be read for the policies: {}", config.get(), digest, e.toString());
            return Optional.empty();
        }
    }

    private static List<PackageLicences> licences(Handle h, String digest) {
        Optional<String> sbom = h.createQuery("SELECT sbom FROM image_analyses WHERE manifest_digest = :md AND sbom IS NOT NULL")
                .bind("md", digest).mapTo(String.class).findOne();
        if (sbom.isEmpty()) return List.of();
        List<PackageLicences> out = new ArrayList<>();
        try {
            for (JsonNode p : JSON.readTree(sbom.get()).path("packages")) {
                List<String> licences = new ArrayList<>();
                p.path("licenses").forEach(l -> licences.add(l.asText()));
                if (!licences.isEmpty()) out.add(new PackageLicences(p.path("name").asText(""), licences));
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored SBOM of " + digest + " is not JSON", e);
        }
        return out;
    }
}
