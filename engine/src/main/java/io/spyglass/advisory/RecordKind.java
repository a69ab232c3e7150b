package io.spyglass.advisory;

import java.util.List;
import java.util.Locale;

/** The four kinds of stored record, each with its own class; a source holds one kind. */
public enum RecordKind {
    ADVISORY(Advisory.class), NVD(NvdRecord.class), KEV(KevEntry.class), EPSS(EpssScore.class);

    private final Class<? extends SourceRecord> type;

    RecordKind(Class<? extends SourceRecord> type) {
        this.type = type;
    }

    public Class<? extends SourceRecord> type() {
        return type;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordKind of(SourceRecord r) {
        for (RecordKind k : values()) {
            if (k.type.isInstance(r)) return k;
        }
        throw new IllegalStateException("no kind for " + r.getClass());
    }

    /** The one kind of a list of records (ADVISORY for an empty list). */
    public static RecordKind of(List<? extends SourceRecord> records) {
        RecordKind kind = records.isEmpty() ? ADVISORY : of(records.get(0));
        for (SourceRecord r : records) {
            if (!kind.type.isInstance(r)) {
                throw new AdvisoryStoreException("a source holds one kind of record: " + kind.id() + " and " + of(r).id() + " mixed");
            }
        }
        return kind;
    }

    public static RecordKind parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
