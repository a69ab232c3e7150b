package io.spyglass.server.web;

import io.spyglass.server.vex.StoredVex;
import java.util.List;

/**
 * The VEX section of the Settings tab: the documents in force, and the outcome of the last post
 * ({@code error}: why a document was refused; {@code saved}: what a stored or removed one changed).
 */
record VexSettings(boolean available, List<Row> documents, String error, String saved, String draft) {
    static final VexSettings NONE = new VexSettings(false, List.of(), null, null, "");

    VexSettings {
        documents = List.copyOf(documents);
        draft = draft == null ? "" : draft;
    }

    /** One document: {@code removable} only for uploaded ones (a pushed one goes with its artifact). */
    record Row(long id, String documentId, String author, String when, long statements, String source, boolean removable) {}

    static Row row(StoredVex d) {
        return new Row(d.id(), d.documentId(), d.author() == null ? "" : d.author(),
                d.statedAt() == null ? "" : Formats.dateTime(d.statedAt()), d.statements(),
                d.source().equals("upload") ? "uploaded by " + (d.addedBy() == null ? "?" : d.addedBy())
                        : "pushed as artifact " + d.referrer().substring(0, Math.min(19, d.referrer().length())) + "…",
                d.source().equals("upload"));
    }
}
