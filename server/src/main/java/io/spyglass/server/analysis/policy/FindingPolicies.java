package io.spyglass.server.analysis.policy;

import io.spyglass.policy.Policies;
import io.spyglass.policy.Policy;
import io.spyglass.policy.PolicyInput;
import io.spyglass.policy.PolicyResult;
import io.spyglass.policy.PolicySetting;
import io.spyglass.policy.PolicyStatus;
import io.spyglass.server.analysis.job.Worker;
import io.spyglass.server.analysis.result.Chunks;
import io.spyglass.server.analysis.result.PackageHolders;
import io.spyglass.server.store.Database;
import io.spyglass.server.vex.RepositoryVex;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jdbi.v3.core.statement.Query;

/**
 * Re-evaluation's share of the policies: when only findings changed, only the policies that read
 * findings ({@link Policy#readsFindings()}) can change their verdict, so just those are evaluated
 * again, {@value #CHUNK} images at a time: one query for the images' namespaces and repositories,
 * one for their findings, one for their stored verdicts; each repository's VEX is read once; and
 * only verdicts that changed are written (with history when the status moved). The config blob,
 * SBOM licences, base image and attestations are not read: the verdicts on them stay as stored.
 * An image without stored verdicts in a namespace is evaluated whole.
 */
final class FindingPolicies {
    private static final int CHUNK = 500;
    private static final List<Policy> READERS = Policies.all().stream().filter(Policy::readsFindings).toList();
    private static final List<String> NAMES = READERS.stream().map(Policy::name).toList();

    private final PolicyInputs inputs;

    FindingPolicies(PolicyInputs inputs) {
        this.inputs = inputs;
    }

    /** One image in one namespace: the repositories of that namespace holding it (their VEX applies). */
    record Place(String digest, String namespace, List<Long> repositories) {}

    /** Whether any finding policy reads this finding ({@link Policy#reads}): the only findings re-evaluation reads for many images. */
    static boolean read(PolicyInput.FindingFact finding) {
        for (Policy p : READERS) if (p.reads(finding)) return true;
        return false;
    }

    /**
     * What {@link #evaluate} reads of many images, read once for all of them: the findings the
     * finding policies read ({@link PolicyInputs#keptFindings}), the namespaces and repositories
     * holding each image, and their stored verdicts, each in one pass (per chunk of 500 images
     * the last two cost 40 round trips of joins for 20,000 images).
     */
    record FleetRead(Map<String, List<PolicyInputs.Row>> findings, Map<String, List<Place>> places,
                     Map<String, Map<String, PolicyResult>> stored) {}

    /**
     * Reads the three at once, each on a connection of its own: the places and the verdicts are
     * mostly the database's work, the findings mostly this thread's (projecting the holders), and
     * one after the other they left a core idle for most of a second at 100,000 tags.
     */
    FleetRead fleetRead(Database db, Set<String> digests, PackageHolders holders) {
        ExecutorService side = Executors.newFixedThreadPool(2, r -> Worker.daemon(r, "spyglass-policy-read"));
        try {
            Future<Map<String, List<Place>>> places = side.submit(() -> db.withHandle(h -> {
                Map<String, List<Place>> out = new HashMap<>();
                for (Place p : places(h, PLACES, q -> {}, digests::contains)) out.computeIfAbsent(p.digest(), d -> new ArrayList<>()).add(p);
                return out;
            }));
            Future<Map<String, Map<String, PolicyResult>>> stored = side.submit(() -> db.withHandle(h -> stored(h, "", q -> {}, digests::contains)));
            Map<String, List<PolicyInputs.Row>> findings = db.withHandle(h -> inputs.keptFindings(h, digests, FindingPolicies::read, holders));
            return new FleetRead(findings, Worker.await(places, "reading the policies' inputs"), Worker.await(stored, "reading the policies' inputs"));
        } finally {
            side.shutdownNow();
        }
    }

    /**
     * Evaluates the finding policies of these images again; returns the images that had no verdicts
     * yet, to evaluate whole. {@code fleet}: what {@link #fleetRead} read of them, or null to read
     * it here, {@value #CHUNK} images at a time; the findings of images of repositories with VEX
     * are always read here (VEX matches by purl).
     */
    Set<String> evaluate(Handle h, Collection<String> digests, FleetRead fleet) {
        Map<String, List<PolicyInputs.Row>> read = fleet == null ? null : fleet.findings();
        Set<String> whole = new LinkedHashSet<>();
        if (digests.isEmpty()) return whole;
        boolean kev = PolicyInputs.kevCatalogue(h);
        Map<String, Map<String, PolicySetting>> settings = new HashMap<>();
        Map<Long, RepositoryVex> vex = new HashMap<>();
        for (List<String> chunk : Chunks.of(digests, CHUNK)) {
            List<Place> places = fleet == null ? places(h, PLACES + "AND ti.manifest_digest IN (<digests>) ", q -> q.bindList("digests", chunk), d -> true)
                    : chunk.stream().flatMap(d -> fleet.places().getOrDefault(d, List.of()).stream()).toList();
            Map<String, Map<String, PolicyResult>> stored = fleet == null
                    ? stored(h, "AND manifest_digest IN (<digests>)", q -> q.bindList("digests", chunk), d -> true) : fleet.stored();
            Map<Place, List<RepositoryVex>> placeVex = new HashMap<>();
            Set<String> here = new TreeSet<>();
            for (Place p : places) {
                List<RepositoryVex> repoVex = p.repositories().stream().map(r -> vex.computeIfAbsent(r, id -> RepositoryVex.of(h, id))).toList();
                placeVex.put(p, repoVex);
                // VEX suppresses only where every repository of the namespace holding the image has a verdict
                if (read == null || !repoVex.isEmpty() && repoVex.stream().noneMatch(RepositoryVex::isEmpty)) here.add(p.digest());
            }
            Map<String, List<PolicyInputs.Row>> findings = here.isEmpty() ? Map.of() : inputs.findings(h, here);
            List<Place> evaluated = new ArrayList<>();
            for (Place p : places) {
                Map<String, PolicyResult> before = stored.get(p.namespace() + "\n" + p.digest());
                if (before == null || !before.keySet().containsAll(NAMES)) whole.add(p.digest());
                else evaluated.add(p);
                settings.computeIfAbsent(p.namespace(), n -> PolicySettingsStore.read(h, n));
            }
            // the policies are plain functions of their input: evaluated on every core while this thread waits
            List<Changed> changed = evaluated.parallelStream().flatMap(p -> {
                Map<String, PolicyResult> before = stored.get(p.namespace() + "\n" + p.digest());
                List<PolicyInputs.Row> rows = (here.contains(p.digest()) ? findings : read).getOrDefault(p.digest(), List.of());
                PolicyInput input = new PolicyInput(Optional.empty(), PolicyInputs.suppressed(p.digest(), rows, placeVex.get(p)),
                        kev, List.of(), Optional.empty(), Optional.empty());
                List<Changed> out = new ArrayList<>();
                for (PolicyResult r : Policies.evaluate(input, settings.get(p.namespace()), Policy::readsFindings)) {
                    PolicyResult was = before.get(r.name());
                    if (was.status() != r.status() || !Objects.equals(was.details(), r.details())) out.add(new Changed(p, was, r));
                }
                return out.stream();
            }).toList();
            write(h, changed);
        }
        return whole;
    }

    private record Changed(Place place, PolicyResult before, PolicyResult now) {}

    // one batch of updates and one of history rows (ids taken as one block): thousands of verdicts move at
    // once, so the updates are bound by plain JDBC (binding by name cost more than the database's update)
    private static void write(Handle h, List<Changed> changed) {
        if (changed.isEmpty()) return;
        long now = Database.now();
        try (PreparedStatement update = h.getConnection().prepareStatement("UPDATE policy_results SET status = ?, details = ?, "
                + "evaluated_at = ? WHERE namespace = ? AND manifest_digest = ? AND policy = ?")) {
            for (Changed c : changed) {
                update.setString(1, c.now().status().id());
                update.setString(2, c.now().details());
                update.setLong(3, now);
                update.setString(4, c.place().namespace());
                update.setString(5, c.place().digest());
                update.setString(6, c.now().name());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("writing policy verdicts failed: " + e.getMessage(), e);
        }
        PolicyHistory.record(h, changed.stream().filter(c -> c.before().status() != c.now().status())
                .map(c -> new PolicyHistory.Moved(c.place().namespace(), c.place().digest(), c.before().status().id(), c.now())).toList());
    }

    private static final String PLACES = "SELECT DISTINCT ti.manifest_digest, r.namespace, ti.repository_id FROM tag_images ti "
            + "JOIN repositories r ON r.id = ti.repository_id JOIN image_analyses a ON a.manifest_digest = ti.manifest_digest "
            + "WHERE r.image_insight <> 'none' AND a.status = 'done' ";

    /**
     * Each image's namespaces with analysis on, and the repositories of each holding it, as
     * {@link ImagePolicies#evaluate} picks them: of the images {@code bind} names in {@code sql},
     * those {@code wanted} keeps.
     */
    private static List<Place> places(Handle h, String sql, Consumer<Query> bind, Predicate<String> wanted) {
        Map<String, List<Long>> repositories = new LinkedHashMap<>();
        Query q = h.createQuery(sql + "ORDER BY ti.manifest_digest, r.namespace, ti.repository_id");
        bind.accept(q);
        q.map((rs, ctx) -> wanted.test(rs.getString(1)) ? Map.entry(rs.getString(1) + "\n" + rs.getString(2), rs.getLong(3)) : null)
                .forEach(e -> {
                    if (e != null) repositories.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                });
        List<Place> out = new ArrayList<>();
        repositories.forEach((key, repos) -> {
            int nl = key.indexOf('\n');
            out.add(new Place(key.substring(0, nl), key.substring(nl + 1), List.copyOf(repos)));
        });
        return out;
    }

    /** The stored verdicts of the finding policies of the images {@code bind} names in {@code where} and {@code wanted} keeps, by namespace + "\n" + digest, then policy name. */
    private static Map<String, Map<String, PolicyResult>> stored(Handle h, String where, Consumer<Query> bind, Predicate<String> wanted) {
        Map<String, Map<String, PolicyResult>> out = new HashMap<>();
        Query q = h.createQuery("SELECT namespace, manifest_digest, policy, status, details FROM policy_results "
                + "WHERE policy IN (<policies>) " + where).bindList("policies", NAMES);
        bind.accept(q);
        q.map((rs, ctx) -> wanted.test(rs.getString(2)) ? Map.entry(rs.getString(1) + "\n" + rs.getString(2),
                        new PolicyResult(rs.getString(3), PolicyStatus.parse(rs.getString(4)), rs.getString(5))) : null)
                .forEach(e -> {
                    if (e != null) out.computeIfAbsent(e.getKey(), k -> new HashMap<>()).put(e.getValue().name(), e.getValue());
                });
        return out;
    }
}
