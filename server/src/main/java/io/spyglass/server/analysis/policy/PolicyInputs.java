package io.spyglass.server.analysis.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.Severity;
import io.spyglass.image.Digest;
import io.spyglass.policy.ImageUser;
import io.spyglass.policy.PolicyInput;
import io.spyglass.policy.PolicyInput.AttestationStatus;
import io.spyglass.policy.PolicyInput.FindingFact;
import io.spyglass.policy.PolicyInput.PackageLicences;
import io.spyglass.server.analysis.attestation.Attestations;
import io.spyglass.server.analysis.attestation.ImageAttestations;
import io.spyglass.server.analysis.result.PackageHolders;
import io.spyglass.server.store.blob.BlobStore;
import io.spyglass.server.vex.RepositoryVex;
import io.spyglass.vex.VexVerdict;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers one image's {@link PolicyInput} from what the server stores: the config's user (the small
 * config blob, never a layer), the findings with the KEV flag from the node's advisory index and the
 * VEX verdicts of its repositories, each package's licences from the stored SBOM, the detected base
 * image with its recommendations, and the attestations stored for it. Nothing reads a layer.
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

    /** What the policies of every namespace share about one image; {@link #in} adds what depends on the namespace. */
    record ImageFacts(String digest, Optional<String> user, List<Row> findings, boolean kevCatalogue, List<PackageLicences> licences) {}

    /** A stored finding with what VEX matches it by. */
    record Row(FindingFact fact, String advisoryIds, String purl) {}

    ImageFacts read(Handle h, String digest, boolean kevCatalogue) {
        return new ImageFacts(digest, user(h, digest), findings(h, List.of(digest)).getOrDefault(digest, List.of()), kevCatalogue,
                licences(h, digest));
    }

    /** The stored findings of these images (at most a few hundred: one IN list), each image's in vulnerability id order. */
    Map<String, List<Row>> findings(Handle h, Collection<String> digests) {
        AdvisoryIndex idx = index.get();
        Map<String, List<Row>> out = new HashMap<>();
        h.createQuery("SELECT p.manifest_digest, f.vulnerability_id, f.advisory_id, f.severity, f.fixed_version, p.name, p.purl "
                        + "FROM image_packages p JOIN package_findings f ON f.package_version = p.package_version "
                        + "WHERE p.manifest_digest IN (<digests>) ORDER BY p.manifest_digest, f.vulnerability_id")
                .bindList("digests", List.copyOf(digests))
                .map((rs, ctx) -> Map.entry(rs.getString("manifest_digest"), new Row(new FindingFact(rs.getString("vulnerability_id"),
                        rs.getString("name"), Severity.parse(rs.getString("severity")), rs.getString("fixed_version") != null,
                        exploited(idx, rs.getString("vulnerability_id")), false), rs.getString("advisory_id"), rs.getString("purl"))))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    /**
     * The findings {@code kept} keeps, of many images at once, read from the package versions' side:
     * every stored finding once with its package version, then the holders of the package versions
     * with a kept finding, by index. An image holds hundreds of packages of which few have such a
     * finding, so for thousands of images this reads those pairs instead of every package row of
     * every image. The rows carry no purl: VEX needs it, so images under VEX are read by {@link #findings}.
     */
    Map<String, List<Row>> keptFindings(Handle h, Set<String> digests, Predicate<FindingFact> kept, PackageHolders holders) {
        AdvisoryIndex idx = index.get();
        Map<Long, List<Row>> byVersion = new HashMap<>();
        h.createQuery("SELECT f.package_version, f.vulnerability_id, f.advisory_id, f.severity, f.fixed_version, pv.name "
                        + "FROM package_findings f JOIN package_versions pv ON pv.id = f.package_version")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new Row(new FindingFact(rs.getString(2), rs.getString(6),
                        Severity.parse(rs.getString(4)), rs.getString(5) != null, exploited(idx, rs.getString(2)), false), rs.getString(3), null)))
                .forEach(e -> {
                    if (kept.test(e.getValue().fact())) byVersion.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                });
        Map<String, List<Row>> out = new HashMap<>();
        holders.of(h, byVersion.keySet()).forEach((pv, images) -> {
            for (String image : images) {
                if (digests.contains(image)) out.computeIfAbsent(image, k -> new ArrayList<>()).addAll(byVersion.get(pv));
            }
        });
        return out;
    }

    /**
     * The image's input as namespace {@code namespace} sees it: VEX of its repositories, its base as
     * the namespace may see it, and the attestations its repositories hold.
     */
    static PolicyInput in(Handle h, ImageFacts image, String namespace) {
        List<Long> repositories = h.createQuery("SELECT DISTINCT ti.repository_id FROM tag_images ti JOIN repositories r "
                        + "ON r.id = ti.repository_id WHERE ti.manifest_digest = :md AND r.namespace = :ns AND r.image_insight <> 'none' "
                        + "ORDER BY ti.repository_id")
                .bind("md", image.digest()).bind("ns", namespace).mapTo(Long.class).list();
        return new PolicyInput(image.user(), findings(h, image, repositories), image.kevCatalogue(), image.licences(),
                PolicyBaseImage.status(h, image.digest(), namespace), attestations(h, image.digest(), repositories));
    }

    /**
     * VEX is per repository, verdicts per namespace: a finding counts as suppressed in the namespace
     * when every repository of it holding the image suppresses it. With the image in one repository
     * of the namespace (the common case) this is exactly that repository's VEX.
     */
    private static List<FindingFact> findings(Handle h, ImageFacts image, List<Long> repositories) {
        return suppressed(image.digest(), image.findings(), repositories.stream().map(r -> RepositoryVex.of(h, r)).toList());
    }

    /** The findings as the policies see them under these repositories' VEX (suppressed where every one of them suppresses it). */
    static List<FindingFact> suppressed(String digest, List<Row> findings, List<RepositoryVex> vex) {
        if (vex.isEmpty() || vex.stream().anyMatch(RepositoryVex::isEmpty)) return findings.stream().map(Row::fact).toList();
        List<FindingFact> out = new ArrayList<>();
        for (Row r : findings) {
            FindingFact f = r.fact();
            boolean suppressed = vex.stream().allMatch(v -> {
                VexVerdict verdict = v.verdict(digest, f.vulnerabilityId(), r.advisoryIds(), r.purl());
                return verdict != null && verdict.suppresses();
            });
            out.add(suppressed ? new FindingFact(f.vulnerabilityId(), f.packageName(), f.severity(), f.fixAvailable(), f.knownExploited(), true) : f);
        }
        return out;
    }

    /** What attestations any repository of the namespace holding the image holds for it. */
    private static Optional<AttestationStatus> attestations(Handle h, String digest, List<Long> repositories) {
        boolean sbom = false, provenance = false;
        for (long r : repositories) {
            ImageAttestations.SupplyChainEvidence e = Attestations.evidence(h, r, digest);
            sbom |= e.sbom();
            provenance |= e.provenance();
        }
        return Optional.of(new AttestationStatus(sbom, provenance));
    }

    /** Whether a KEV catalogue has been imported into this server. */
    static boolean kevCatalogue(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM advisory_sources WHERE source = 'kev' AND record_count > 0")
                .mapTo(Long.class).one() > 0;
    }

    static boolean exploited(AdvisoryIndex idx, String id) {
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
        Optional<String> sbom = h.createQuery("SELECT sbom FROM image_sboms WHERE manifest_digest = :md")
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
