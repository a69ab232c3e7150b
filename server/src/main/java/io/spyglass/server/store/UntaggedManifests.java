package io.spyglass.server.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Manifests no tag reaches, for {@code gc --delete-untagged}. Reachable per repository: what a tag
 * points at, the children of a reachable index, and referrers (signatures, attestations) whose
 * subject is reachable. Only manifests stored before the cutoff count: the children of an index
 * being pushed arrive untagged moments before it.
 */
final class UntaggedManifests {
    private final Database db;

    UntaggedManifests(Database db) {
        this.db = db;
    }

    record Untagged(long repositoryId, String repository, String digest) {}

    private record Row(long repo, String repository, String digest, String subject, long createdAt) {}

    List<Untagged> find(long cutoff) {
        return db.withHandle(h -> {
            List<Row> rows = h.createQuery("SELECT m.repository_id, r.namespace, r.name, m.digest, m.subject_digest, m.created_at "
                            + "FROM manifests m JOIN repositories r ON r.id = m.repository_id ORDER BY r.namespace, r.name, m.digest")
                    .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2) + "/" + rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6))).list();
            Map<Long, Set<String>> tagged = new HashMap<>();
            h.createQuery("SELECT repository_id, digest FROM tags").map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .forEach(e -> tagged.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
            Map<String, List<String>> children = new HashMap<>();
            h.createQuery("SELECT repository_id, parent_digest, child_digest FROM manifest_references WHERE kind = 'manifest'")
                    .map((rs, ctx) -> new String[] {rs.getLong(1) + " " + rs.getString(2), rs.getString(3)})
                    .forEach(r -> children.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
            Map<String, List<String>> referrers = new HashMap<>();
            for (Row r : rows) {
                if (r.subject() != null) referrers.computeIfAbsent(r.repo() + " " + r.subject(), k -> new ArrayList<>()).add(r.digest());
            }
            Set<String> reachable = reachable(tagged, children, referrers);
            List<Untagged> out = new ArrayList<>();
            for (Row r : rows) {
                if (r.createdAt() < cutoff && !reachable.contains(r.repo() + " " + r.digest())) {
                    out.add(new Untagged(r.repo(), r.repository(), r.digest()));
                }
            }
            return out;
        });
    }

    /** "repositoryId digest" of every manifest reachable from a tag. */
    private static Set<String> reachable(Map<Long, Set<String>> tagged, Map<String, List<String>> children,
            Map<String, List<String>> referrers) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>();
        tagged.forEach((repo, digests) -> digests.forEach(d -> todo.add(repo + " " + d)));
        while (!todo.isEmpty()) {
            String key = todo.poll();
            if (!seen.add(key)) continue;
            String repo = key.substring(0, key.indexOf(' '));
            children.getOrDefault(key, List.of()).forEach(c -> todo.add(repo + " " + c));
            referrers.getOrDefault(key, List.of()).forEach(c -> todo.add(repo + " " + c));
        }
        return seen;
    }

    /** Deletes the manifest, and the analysis of its digest when no repository holds it any more. */
    void delete(Untagged u) {
        new ManifestStore(db).delete(u.repositoryId(), u.digest());
        db.inTransaction(h -> {
            h.createUpdate("DELETE FROM tag_images WHERE repository_id = :repo AND (tag_digest = :d OR manifest_digest = :d) "
                            + "AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.repository_id = tag_images.repository_id "
                            + "AND t.name = tag_images.tag AND t.digest = tag_images.tag_digest)")
                    .bind("repo", u.repositoryId()).bind("d", u.digest()).execute();
            boolean held = h.createQuery("SELECT (SELECT COUNT(*) FROM manifests WHERE digest = :d) "
                            + "+ (SELECT COUNT(*) FROM tag_images WHERE manifest_digest = :d)")
                    .bind("d", u.digest()).mapTo(Long.class).one() > 0;
            if (!held) {
                io.spyglass.server.analysis.result.ResultStore.forget(h, u.digest());
            }
            return null;
        });
    }
}
