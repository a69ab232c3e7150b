package io.spyglass.vex;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One OpenVEX statement: a vulnerability (its name and aliases), the products it applies to, the
 * status and its reasons. {@code timestamp} is the statement's own time, or its document's.
 */
public record VexStatement(
        String vulnerability,
        List<String> aliases,
        List<VexProduct> products,
        VexStatus status,
        String justification,
        String impactStatement,
        String actionStatement,
        Instant timestamp) {

    public VexStatement {
        Objects.requireNonNull(vulnerability, "vulnerability");
        Objects.requireNonNull(status, "status");
        aliases = List.copyOf(aliases);
        products = List.copyOf(products);
    }

    /** The reason a user reads: the justification, else the impact statement, else the status note. */
    public String reason() {
        if (justification != null) return justification;
        if (impactStatement != null) return impactStatement;
        return actionStatement;
    }
}
