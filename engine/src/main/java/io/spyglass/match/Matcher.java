package io.spyglass.match;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.AffectedEntry;
import io.spyglass.advisory.AffectedRange;
import io.spyglass.advisory.AffectedStatus;
import io.spyglass.advisory.AffectedVersions;
import io.spyglass.advisory.PackageKey;
import io.spyglass.advisory.Rating;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.sbom.Sbom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Packages + advisory index → findings (grype's matcher, over an in-memory index rather than a DB).
 * Pure: the same SBOM and index always give the same findings, in the same order. Several sources
 * of one vulnerability on one package become one finding listing every source.
 */
public final class Matcher {
    private final AdvisoryIndex index;

    public Matcher(AdvisoryIndex index) {
        this.index = index;
    }

    /** Every finding for an SBOM, worst severity first, then by vulnerability id and package. */
    public List<Finding> match(Sbom sbom) {
        List<Finding> all = new ArrayList<>();
        for (Package p : sbom.packages()) all.addAll(match(p, sbom.distro()));
        all.sort(ORDER);
        return all;
    }

    /** The findings for one package of an image with this distro (re-evaluation matches package by package). */
    public List<Finding> match(Package p, Distro distro) {
        return match(p, MatchKeys.of(p, distro));
    }

    /**
     * The findings for one package under keys already worked out by {@link MatchKeys#of} (a stored
     * package index re-matches from its keys, without the image's distro). Same rules as above.
     */
    public List<Finding> match(Package p, List<MatchKeys.Key> keys) {
        Map<String, Finding> byVulnerability = new LinkedHashMap<>();
        String version = installedVersion(p);
        for (MatchKeys.Key key : keys) {
            collect(p, version, key, null, byVulnerability);
            MatchKeys.groupless(key.key()).ifPresent(artifact -> inferGroup(p, version, artifact, byVulnerability));
        }
        List<Finding> out = new ArrayList<>(byVulnerability.values());
        out.sort(ORDER);
        return out;
    }

    /**
     * Whether any entry of these advisories (by id) under the package's keys could give it a
     * finding: the cheap test before matching a package again in full when only these advisories
     * changed. Findings are merged from entries independently, so a package none of them reaches,
     * and holding no finding of theirs, keeps its findings. A jar whose group is inferred answers
     * true: a new group elsewhere changes the inference.
     */
    public boolean couldMatch(Package p, List<MatchKeys.Key> keys, Set<String> advisoryIds) {
        String version = installedVersion(p);
        for (MatchKeys.Key key : keys) {
            if (MatchKeys.groupless(key.key()).isPresent()) return true;
            for (AffectedEntry entry : index.lookup(key.key())) {
                if (entry.advisory().isWithdrawn() || !advisoryIds.contains(entry.advisory().id())) continue;
                if (AffectedVersions.check(entry.affected(), version).verdict() != AffectedVersions.Verdict.NOT_AFFECTED) return true;
            }
        }
        return false;
    }

    // A jar whose group is unknown is matched as group:artifact only when the advisory data names
    // exactly one group for its artifactId; with two or more it could be either, and no group is guessed.
    private void inferGroup(Package p, String version, String artifact, Map<String, Finding> byVulnerability) {
        Set<String> groups = index.mavenGroups(artifact);
        if (groups.size() != 1) return;
        String group = groups.iterator().next();
        MatchKeys.Key key = new MatchKeys.Key(new PackageKey(PackageKey.MAVEN, group + ":" + artifact), MatchKeys.INFERRED_GROUP);
        collect(p, version, key, "group " + group + " inferred: the only group the advisory data names for " + artifact, byVulnerability);
    }

    // inferred: null when the key is the package's own; otherwise why the finding is uncertain
    private void collect(Package p, String version, MatchKeys.Key key, String inferred, Map<String, Finding> byVulnerability) {
        for (AffectedEntry entry : index.lookup(key.key())) {
            if (entry.advisory().isWithdrawn()) continue;
            AffectedVersions.Check check = AffectedVersions.check(entry.affected(), version);
            if (check.verdict() == AffectedVersions.Verdict.NOT_AFFECTED) continue;
            Finding f = finding(p, key, entry, check, inferred);
            byVulnerability.merge(f.vulnerabilityId(), f, Matcher::merge);
        }
    }

    public static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.level().ordinal())
            .thenComparing(Finding::vulnerabilityId)
            .thenComparing(f -> f.pkg().type().id())
            .thenComparing(f -> f.pkg().name())
            .thenComparing(f -> String.valueOf(f.pkg().version()));

    private static Finding finding(Package p, MatchKeys.Key key, AffectedEntry entry, AffectedVersions.Check check,
                                   String inferred) {
        var vuln = entry.vulnerability();
        var affected = entry.affected();
        boolean versionUncertain = check.verdict() == AffectedVersions.Verdict.UNCERTAIN;
        boolean uncertain = versionUncertain || inferred != null;
        String note = versionUncertain ? check.problem() : affected.note();
        if (inferred != null) note = versionUncertain ? inferred + "; " + note : inferred;
        AffectedStatus state = affected.status();
        String fixed = check.fixedVersion();
        if (state == AffectedStatus.WILL_NOT_FIX || state == AffectedStatus.AFFECTED && fixed == null) fixed = null;
        Rating severity = vuln.severity(affected.namespace());
        return new Finding(vuln.id(), vuln.aliases(), p, affected.namespace(), key.matchedBy(),
                List.of(entry.advisory().source()), List.of(entry.advisory().id()),
                describe(check.range(), affected.versions().contains(installedVersion(p))),
                fixed, state, severity, vuln.ratings(), uncertain, note);
    }

    // two sources (or two entries) for one vulnerability on one package: keep both sources, the
    // lowest fix, certainty if either source is certain
    private static Finding merge(Finding a, Finding b) {
        Set<String> sources = new LinkedHashSet<>(a.sources());
        sources.addAll(b.sources());
        Set<String> ids = new LinkedHashSet<>(a.advisoryIds());
        ids.addAll(b.advisoryIds());
        Finding base = a.uncertain() && !b.uncertain() ? b : a;
        String fixed = base.fixedVersion() != null ? base.fixedVersion()
                : (a.fixedVersion() != null ? a.fixedVersion() : b.fixedVersion());
        return new Finding(base.vulnerabilityId(), base.aliases(), base.pkg(), base.namespace(), base.matchedBy(),
                List.copyOf(sources), List.copyOf(ids), base.matchedRange(), fixed, base.state(), base.severity(),
                base.ratings(), a.uncertain() && b.uncertain(), base.note());
    }

    private static String describe(AffectedRange r, boolean listed) {
        if (r == null) return listed ? "listed version" : "not in any patched range";
        if (r.constraint() != null) return (r.type() == AffectedRange.Type.UNAFFECTED_IF ? "not " : "") + r.constraint();
        StringBuilder s = new StringBuilder(">=").append(r.introduced());
        if (r.fixed() != null) s.append(", <").append(r.fixed());
        if (r.lastAffected() != null) s.append(", <=").append(r.lastAffected());
        if (r.limit() != null) s.append(", <").append(r.limit()).append(" (limit)");
        return s.toString();
    }

    // Go binaries report the toolchain as go1.21.3; the Go vulndb writes stdlib versions bare
    private static String installedVersion(Package p) {
        String v = p.version() == null ? "" : p.version();
        if (p.type() == PackageType.GOLANG && p.name().equals("stdlib") && v.startsWith("go")) return v.substring(2);
        return v;
    }
}
