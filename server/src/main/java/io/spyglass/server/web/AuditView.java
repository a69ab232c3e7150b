package io.spyglass.server.web;

import java.util.List;

/** The {@code /admin/audit} page: the filters as typed, the events, and the link to the next (older) page. */
record AuditView(Frame frame, String actor, String action, String since, String until, List<Row> rows, String olderHref,
                 String error) {

    record Row(String time, String actor, String address, String action, String target, String outcome, String details) {}

    AuditView {
        rows = List.copyOf(rows);
    }
}
