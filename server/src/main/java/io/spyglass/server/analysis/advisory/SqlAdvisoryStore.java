package io.spyglass.server.analysis.advisory;

import io.spyglass.server.analysis.job.AnalysisJobs;
import io.spyglass.server.analysis.job.JobQueue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.advisory.AdvisoryData;
import io.spyglass.advisory.AdvisoryJson;
import io.spyglass.advisory.AdvisoryStore;
import io.spyglass.advisory.AdvisoryStoreException;
import io.spyglass.advisory.ChangeDetector;
import io.spyglass.advisory.ChangeSet;
import io.spyglass.advisory.RecordKind;
import io.spyglass.advisory.SourceRecord;
import io.spyglass.advisory.SourceReplacement;
import io.spyglass.advisory.SourceStatus;
import io.spyglass.server.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The server's advisory data (tables advisory_records, advisory_sources, advisory_change_sets).
 * A source is replaced in one transaction: a feed that breaks mid-import changes nothing. A
 * non-empty change set is stored with the records and queued for re-evaluation in that same
 * transaction, so no change is ever applied without being re-evaluated.
 */
public final class SqlAdvisoryStore implements AdvisoryStore {
    // a change set also has derived getters (keys, advisoryIds, empty): ignore them when reading back
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Database db;

    public SqlAdvisoryStore(Database db) {
        this.db = db;
    }

    @Override
    public ChangeSet replaceSource(String source, List<? extends SourceRecord> records, String dataVersion) {
        return replaceSources(List.of(new SourceReplacement(source, records, dataVersion))).get(0);
    }

    /**
     * All sources in one transaction. Each non-empty change set is stored as its own row (the index
     * is updated source by source) but ONE re-evaluation job is queued for all of them (payload:
     * their ids, comma-separated), so a bundle is re-evaluated as one change set.
     */
    @Override
    public List<ChangeSet> replaceSources(List<SourceReplacement> sources) {
        List<Prepared> prepared = new ArrayList<>();
        for (SourceReplacement r : sources) prepared.add(prepare(r));
        return db.inTransaction(h -> {
            List<ChangeSet> out = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Prepared p : prepared) {
                ChangeSet changes = write(h, p);
                out.add(changes);
                if (!changes.isEmpty()) {
                    long id = Database.nextId(h, "advisory_change_sets");
                    h.createUpdate("INSERT INTO advisory_change_sets (id, source, body, created_at) VALUES (:id, :s, :body, :now)")
                            .bind("id", id).bind("s", p.source()).bind("body", json(changes)).bind("now", Database.now()).execute();
                    ids.add(Long.toString(id));
                }
            }
            if (!ids.isEmpty()) {
                String payload = String.join(",", ids);
                JobQueue.enqueue(h, AnalysisJobs.REEVALUATE, AnalysisJobs.REEVALUATE + ":" + payload, payload);
            }
            return out;
        });
    }

    /** One source's records, serialised and hashed outside the transaction. */
    private record Prepared(String source, RecordKind kind, int count, String dataVersion,
                            Map<String, ChangeDetector.Hashed> after, Map<String, String> bodies) {}

    private static Prepared prepare(SourceReplacement r) {
        RecordKind kind = RecordKind.of(r.records());
        Map<String, ChangeDetector.Hashed> after = new LinkedHashMap<>();
        Map<String, String> bodies = new LinkedHashMap<>();
        for (SourceRecord rec : r.records()) {
            String line = AdvisoryJson.write(rec);
            if (after.put(rec.id(), new ChangeDetector.Hashed(AdvisoryJson.hash(line), rec)) != null) {
                throw new AdvisoryStoreException("source " + r.source() + " has two records with id " + rec.id());
            }
            bodies.put(rec.id(), line);
        }
        return new Prepared(r.source(), kind, r.records().size(), r.dataVersion(), after, bodies);
    }

    private static ChangeSet write(Handle h, Prepared p) {
        String source = p.source();
        Map<String, ChangeDetector.Hashed> before = read(h, source, true);
        ChangeSet changes = ChangeDetector.diff(source, before, p.after());
        h.createUpdate("DELETE FROM advisory_records WHERE source = :s").bind("s", source).execute();
        PreparedBatch b = h.prepareBatch("INSERT INTO advisory_records (source, record_id, hash, body) VALUES (:s, :id, :hash, :body)");
        for (Map.Entry<String, String> e : p.bodies().entrySet()) {
            b.bind("s", source).bind("id", e.getKey()).bind("hash", p.after().get(e.getKey()).hash()).bind("body", e.getValue()).add();
        }
        if (b.size() > 0) b.execute();
        h.createUpdate("INSERT INTO advisory_sources (source, kind, record_count, imported_at, data_version) "
                        + "VALUES (:s, :kind, :count, :now, :v) ON CONFLICT (source) DO UPDATE SET kind = excluded.kind, "
                        + "record_count = excluded.record_count, imported_at = excluded.imported_at, data_version = excluded.data_version")
                .bind("s", source).bind("kind", p.kind().id()).bind("count", p.count()).bind("now", Database.now())
                .bind("v", p.dataVersion()).execute();
        return changes;
    }

    @Override
    public AdvisoryData load() {
        List<SourceRecord> all = new ArrayList<>();
        for (SourceStatus s : status()) all.addAll(load(s.source()));
        return AdvisoryData.of(all);
    }

    @Override
    public List<SourceRecord> load(String source) {
        return db.withHandle(h -> read(h, source, false).values().stream().map(ChangeDetector.Hashed::record).toList());
    }

    @Override
    public List<SourceStatus> status() {
        return db.withHandle(h -> h.createQuery("SELECT * FROM advisory_sources ORDER BY source")
                .map((rs, ctx) -> new SourceStatus(rs.getString("source"), rs.getString("kind"), rs.getInt("record_count"),
                        Instant.ofEpochMilli(rs.getLong("imported_at")), rs.getString("data_version")))
                .list());
    }

    /** The newest change set id (0 when none). */
    public long lastChangeSet() {
        return db.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM advisory_change_sets").mapTo(Long.class).one());
    }

    /** Change sets after {@code id}, oldest first, with their ids. */
    Map<Long, ChangeSet> changeSetsAfter(long id) {
        Map<Long, ChangeSet> out = new LinkedHashMap<>();
        db.withHandle(h -> h.createQuery("SELECT id, body FROM advisory_change_sets WHERE id > :id ORDER BY id").bind("id", id)
                .map((rs, ctx) -> out.put(rs.getLong("id"), parse(rs.getString("body")))).list());
        return out;
    }

    public ChangeSet changeSet(long id) {
        return db.withHandle(h -> h.createQuery("SELECT body FROM advisory_change_sets WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne().map(SqlAdvisoryStore::parse)
                .orElseThrow(() -> new IllegalArgumentException("no change set " + id)));
    }

    private static Map<String, ChangeDetector.Hashed> read(Handle h, String source, boolean hashed) {
        Map<String, ChangeDetector.Hashed> out = new LinkedHashMap<>();
        String kind = h.createQuery("SELECT kind FROM advisory_sources WHERE source = :s").bind("s", source)
                .mapTo(String.class).findOne().orElse(null);
        if (kind == null) return out;
        Class<? extends SourceRecord> type = RecordKind.parse(kind).type();
        h.createQuery("SELECT record_id, hash, body FROM advisory_records WHERE source = :s ORDER BY record_id").bind("s", source)
                .map((rs, ctx) -> out.put(rs.getString("record_id"),
                        new ChangeDetector.Hashed(hashed ? rs.getString("hash") : null, AdvisoryJson.read(rs.getString("body"), type))))
                .list();
        return out;
    }

    private static String json(ChangeSet c) {
        try {
            return JSON.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ChangeSet parse(String body) {
        try {
            return JSON.readValue(body, ChangeSet.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored change set is not readable: " + e.getMessage(), e);
        }
    }
}
