package io.spyglass.server.analysis.policy;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.Severity;
import io.spyglass.policy.HealthGrade;
import io.spyglass.policy.Policies;
import io.spyglass.policy.Policy;
import io.spyglass.policy.PolicyInput;
import io.spyglass.policy.PolicyResult;
import io.spyglass.policy.PolicySetting;
import io.spyglass.policy.PolicyStatus;
import io.spyglass.server.analysis.job.AnalysisJobs;
import io.spyglass.server.analysis.job.JobQueue;
import io.spyglass.server.analysis.result.Chunks;
import io.spyglass.server.analysis.result.PackageHolders;
import io.spyglass.server.hub.Repository;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.blob.BlobStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Evaluates the engine's policies for images and keeps the verdicts in policy_results, one set per
 * namespace holding the image (each namespace has its own settings). Called in the transaction that
 * writes an image's findings, at analysis and at every re-evaluation, so verdicts never lag the
 * findings; a verdict that changed is written to policy_history.
 */
public final class ImagePolicies {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ImagePolicies.class);
    private final Database db;
    private final PolicyInputs inputs;
    private final FindingPolicies findingPolicies;

    public ImagePolicies(Database db, BlobStore blobs, Supplier<AdvisoryIndex> index) {
        this.db = db;
        this.inputs = new PolicyInputs(blobs, index);
        this.findingPolicies = new FindingPolicies(inputs);
    }

    /** Whether the KEV catalogue (or the vulnerability's own data) lists it as known exploited: what the policies read. */
    public static boolean knownExploited(AdvisoryIndex index, String vulnerabilityId) {
        return PolicyInputs.exploited(index, vulnerabilityId);
    }

    /** Whether a policy that reads findings reads this one: a change of it can move a verdict. */
    public static boolean readByPolicies(String vulnerabilityId, Severity severity, boolean fixAvailable, boolean knownExploited) {
        return FindingPolicies.read(new PolicyInput.FindingFact(vulnerabilityId, "", severity, fixAvailable, knownExploited, false));
    }

    /** Evaluates these images (those analysed, in repositories with analysis on) and stores what changed. */
    public void evaluate(Handle h, Collection<String> digests) {
        if (digests.isEmpty()) return;
        boolean kev = PolicyInputs.kevCatalogue(h);
        Map<String, Map<String, PolicySetting>> settings = new HashMap<>();
        for (List<String> chunk : Chunks.of(digests, 500)) {
            Map<String, List<String>> namespaces = new LinkedHashMap<>();
            h.createQuery("SELECT DISTINCT ti.manifest_digest, r.namespace FROM tag_images ti JOIN repositories r ON r.id = ti.repository_id "
                            + "JOIN image_analyses a ON a.manifest_digest = ti.manifest_digest "
                            + "WHERE ti.manifest_digest IN (<digests>) AND r.image_insight <> 'none' AND a.status = 'done' "
                            + "ORDER BY ti.manifest_digest, r.namespace")
                    .bindList("digests", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString("manifest_digest"), rs.getString("namespace")))
                    .forEach(e -> namespaces.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            for (Map.Entry<String, List<String>> image : namespaces.entrySet()) {
                PolicyInputs.ImageFacts facts = inputs.read(h, image.getKey(), kev);
                for (String ns : image.getValue()) {
                    PolicyInput input = PolicyInputs.in(h, facts, ns);
                    List<PolicyResult> results = PolicyBaseImage.redacted(h, input,
                            Policies.evaluate(input, settings.computeIfAbsent(ns, n -> PolicySettingsStore.read(h, n))));
                    store(h, ns, image.getKey(), results);
                }
            }
        }
    }

    /**
     * Re-evaluation's path, for images whose findings changed and nothing else: only the policies
     * that read findings are evaluated again, in batches ({@link FindingPolicies}); an image with no
     * verdicts stored yet is evaluated whole. Gives the verdicts {@link #evaluate} would.
     */
    public void evaluateFindings(Handle h, Collection<String> digests) {
        evaluate(h, findingPolicies.evaluate(h, digests, null));
    }

    /**
     * The same for many images, in transactions of {@code perTransaction} images. When they are a
     * quarter or more of the images kept current, the findings the policies read are read once for
     * all of them from the package versions' side ({@link FindingPolicies#fleetRead}): that costs
     * the fleet's (image, package version with such a finding) pairs, a few per image, where reading
     * image by image costs every package row of each (hundreds).
     */
    public void evaluateFindings(Collection<String> digests, int perTransaction, PackageHolders holders) {
        List<String> all = List.copyOf(digests);
        if (all.isEmpty()) return;
        long keptCurrent = db.withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT ti.manifest_digest) FROM tag_images ti "
                + "JOIN repositories r ON r.id = ti.repository_id WHERE r.image_insight = 'advanced'").mapTo(Long.class).one());
        long start = System.nanoTime();
        FindingPolicies.FleetRead read = all.size() * 4L < keptCurrent ? null
                : findingPolicies.fleetRead(db, new HashSet<>(all), holders);
        long readAt = System.nanoTime();
        int[] whole = {0};
        for (List<String> chunk : Chunks.of(all, perTransaction)) {
            db.inTransaction(h -> {
                Set<String> without = findingPolicies.evaluate(h, chunk, read);
                whole[0] += without.size();
                evaluate(h, without);
                return null;
            });
        }
        log.debug("finding policies of {} images: findings read {} ({} ms), evaluated in {} ms, {} without verdicts evaluated whole",
                all.size(), read == null ? "image by image" : "by package version", (readAt - start) / 1_000_000,
                (System.nanoTime() - readAt) / 1_000_000, whole[0]);
    }

    /**
     * Evaluates these images again in transactions of their own: after their base was detected (it
     * runs after the analysis is stored) or their VEX changed ({@link AnalysisJobs#POLICIES}).
     */
    public void evaluateAgain(Collection<String> digests) {
        for (List<String> chunk : Chunks.of(List.copyOf(digests), 200)) {
            db.inTransactionRetrying("policies of " + chunk.size() + " images", h -> {
                evaluate(h, chunk);
                return null;
            });
        }
    }

    /** The same after base detection, where a failure is logged and the verdicts stay as stored. */
    public void evaluateAfterBaseDetection(Collection<String> digests) {
        try {
            evaluateAgain(digests);
        } catch (RuntimeException e) {
            log.warn("policies after base image detection of {} failed: {}", digests, e.toString());
        }
    }

    /** Queues {@link #evaluateAgain} for these images in the caller's transaction (VEX changed them). */
    public static void queue(Handle h, Collection<String> digests) {
        if (digests.isEmpty()) return;
        JobQueue.enqueue(h, AnalysisJobs.POLICIES, AnalysisJobs.POLICIES + ":" + Database.nextId(h, "analysis_jobs"),
                String.join(",", digests));
    }

    /** Evaluates every image tagged in the namespace again (its settings changed). */
    public void evaluateNamespace(String namespace) {
        List<String> digests = db.withHandle(h -> h.createQuery("SELECT DISTINCT ti.manifest_digest FROM tag_images ti "
                        + "JOIN repositories r ON r.id = ti.repository_id WHERE r.namespace = :ns")
                .bind("ns", namespace).mapTo(String.class).list());
        for (List<String> chunk : Chunks.of(digests, 200)) {
            db.inTransaction(h -> {
                evaluate(h, chunk);
                return null;
            });
        }
    }

    public Map<String, PolicySetting> settings(String namespace) {
        return db.withHandle(h -> PolicySettingsStore.read(h, namespace));
    }

    /** Stores one policy's setting for the namespace and evaluates its images again under it. */
    public void save(String namespace, PolicySetting setting) {
        Policies.require(setting.name());
        db.inTransaction(h -> {
            PolicySettingsStore.save(h, namespace, setting);
            return null;
        });
        evaluateNamespace(namespace);
    }

    /**
     * A tag's verdicts, for a caller that has already checked the viewer may pull {@code repo}. An
     * analysed image with no verdicts yet (tagged here after it was analysed elsewhere, or analysed
     * before policies existed) is evaluated now.
     */
    public TagPolicies tag(Repository repo, String tag) {
        if ("none".equals(repo.imageInsight())) return TagPolicies.NONE;
        Map<String, String> images = images(repo, tag);
        if (images.isEmpty()) return TagPolicies.NONE;
        Map<String, List<PolicyResult>> results = results(repo.namespace(), images.keySet());
        if (results.size() < images.size()) {
            db.inTransaction(h -> {
                evaluate(h, images.keySet());
                return null;
            });
            results = results(repo.namespace(), images.keySet());
        }
        if (results.isEmpty()) return TagPolicies.NONE;
        return merge(images, results);
    }

    /** The grade letter of a tag, if any of its images has been evaluated. */
    public Optional<String> grade(Repository repo, String tag) {
        return Optional.ofNullable(tag(repo, tag).healthScore());
    }

    private Map<String, String> images(Repository repo, String tag) {
        Map<String, String> out = new LinkedHashMap<>();
        db.withHandle(h -> h.createQuery("SELECT ti.manifest_digest, ti.platform FROM tag_images ti JOIN image_analyses a "
                        + "ON a.manifest_digest = ti.manifest_digest WHERE ti.repository_id = :repo AND ti.tag = :tag AND a.status = 'done' "
                        + "ORDER BY ti.platform, ti.manifest_digest")
                .bind("repo", repo.id()).bind("tag", tag)
                .map((rs, ctx) -> Map.entry(rs.getString("manifest_digest"), rs.getString("platform") == null ? "" : rs.getString("platform")))
                .list()).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private Map<String, List<PolicyResult>> results(String namespace, Collection<String> digests) {
        Map<String, List<PolicyResult>> out = new LinkedHashMap<>();
        db.withHandle(h -> h.createQuery("SELECT manifest_digest, policy, status, details FROM policy_results "
                        + "WHERE namespace = :ns AND manifest_digest IN (<digests>)")
                .bind("ns", namespace).bindList("digests", List.copyOf(digests))
                .map((rs, ctx) -> Map.entry(rs.getString("manifest_digest"), new PolicyResult(rs.getString("policy"),
                        PolicyStatus.parse(rs.getString("status")), rs.getString("details"))))
                .list()).forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    /** One entry per policy, in the engine's order: the worst verdict among the tag's images. */
    private static TagPolicies merge(Map<String, String> images, Map<String, List<PolicyResult>> results) {
        List<HealthGrade> grades = new ArrayList<>();
        Map<String, TagPolicies.Entry> entries = new LinkedHashMap<>();
        boolean several = results.size() > 1;
        for (Map.Entry<String, List<PolicyResult>> image : results.entrySet()) {
            grades.add(HealthGrade.of(image.getValue()));
            String prefix = several && !images.getOrDefault(image.getKey(), "").isEmpty() ? images.get(image.getKey()) + ": " : "";
            for (PolicyResult r : image.getValue()) {
                TagPolicies.Entry seen = entries.get(r.name());
                if (seen == null || rank(r.status()) > rank(PolicyStatus.parse(seen.status()))) {
                    entries.put(r.name(), TagPolicies.Entry.of(r, Policies.find(r.name()).map(Policy::title).orElse(r.name()), prefix));
                }
            }
        }
        List<TagPolicies.Entry> ordered = new ArrayList<>();
        for (Policy p : Policies.all()) {
            if (entries.containsKey(p.name())) ordered.add(entries.get(p.name()));
        }
        return new TagPolicies(ordered, HealthGrade.worst(grades).letter());
    }

    private static int rank(PolicyStatus s) {
        return switch (s) {
            case SKIPPED -> 0;
            case PASS -> 1;
            case UNKNOWN -> 2;
            case FAIL -> 3;
        };
    }

    /** Replaces the image's verdicts under {@code namespace}; a changed one is written to the history. */
    private static void store(Handle h, String namespace, String digest, List<PolicyResult> results) {
        Map<String, String> previous = new HashMap<>();
        h.createQuery("SELECT policy, status FROM policy_results WHERE namespace = :ns AND manifest_digest = :md")
                .bind("ns", namespace).bind("md", digest)
                .map((rs, ctx) -> Map.entry(rs.getString("policy"), rs.getString("status")))
                .forEach(e -> previous.put(e.getKey(), e.getValue()));
        for (PolicyResult r : results) {
            String before = previous.get(r.name());
            if (before != null && !before.equals(r.status().id())) PolicyHistory.record(h, namespace, digest, before, r);
        }
        h.createUpdate("DELETE FROM policy_results WHERE namespace = :ns AND manifest_digest = :md")
                .bind("ns", namespace).bind("md", digest).execute();
        PreparedBatch insert = h.prepareBatch("INSERT INTO policy_results (namespace, manifest_digest, policy, status, details, evaluated_at) "
                + "VALUES (:ns, :md, :policy, :status, :details, :now)");
        long now = Database.now();
        for (PolicyResult r : results) {
            insert.bind("ns", namespace).bind("md", digest).bind("policy", r.name()).bind("status", r.status().id())
                    .bind("details", r.details()).bind("now", now).add();
        }
        insert.execute();
    }
}
