package io.spyglass.vex;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An OpenVEX document as read: its id, author, time and statements (at least one). */
public record VexDocument(String id, String author, Instant timestamp, int version, List<VexStatement> statements) {
    public VexDocument {
        Objects.requireNonNull(id, "id");
        statements = List.copyOf(statements);
    }
}
