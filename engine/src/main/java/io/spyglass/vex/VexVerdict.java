package io.spyglass.vex;

import java.time.Instant;

/** The statement that decided a finding, with the document it came from: shown beside the finding. */
public record VexVerdict(VexStatement statement, String documentId, String author, Instant timestamp) {

    public VexStatus status() {
        return statement.status();
    }

    public boolean suppresses() {
        return statement.status().suppresses();
    }

    /** "Suppressed by VEX: vulnerable_code_not_in_execute_path", or the annotation for the others. */
    public String describe() {
        String reason = statement.reason();
        String head = suppresses() ? "Suppressed by VEX" : "VEX: " + status().id();
        return reason == null ? head : head + ": " + reason;
    }
}
