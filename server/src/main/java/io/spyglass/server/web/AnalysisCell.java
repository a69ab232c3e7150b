package io.spyglass.server.web;

import java.util.Objects;

/**
 * What a tag's row says about its analysis: badges, "Analysing…", a failure reason, a basic scan's
 * time, or that analysis is off.
 *
 * @param at    for BASIC: when the point-in-time scan ran (already formatted)
 * @param grade the tag's health grade (A–F) from its policies; "" when none
 */
record AnalysisCell(State state, SeverityCounts counts, String reason, String at, String grade) {
    enum State { OFF, NOT_ANALYSED, ANALYSING, FAILED, BASIC, ADVANCED }

    AnalysisCell {
        Objects.requireNonNull(state, "state");
        counts = counts == null ? SeverityCounts.NONE : counts;
        reason = reason == null ? "" : reason;
        at = at == null ? "" : at;
        grade = grade == null ? "" : grade;
    }

    AnalysisCell(State state, SeverityCounts counts, String reason, String at) {
        this(state, counts, reason, at, "");
    }

    /** This cell with the tag's grade shown beside its counts. */
    AnalysisCell withGrade(String letter) {
        return new AnalysisCell(state, counts, reason, at, letter);
    }

    static final AnalysisCell OFF = new AnalysisCell(State.OFF, null, null, null);
    static final AnalysisCell NOT_ANALYSED = new AnalysisCell(State.NOT_ANALYSED, null, null, null);
    static final AnalysisCell ANALYSING = new AnalysisCell(State.ANALYSING, null, null, null);

    static AnalysisCell failed(String reason) {
        return new AnalysisCell(State.FAILED, null, reason, null);
    }

    static AnalysisCell basic(SeverityCounts counts, String at) {
        return new AnalysisCell(State.BASIC, counts, null, at);
    }

    static AnalysisCell advanced(SeverityCounts counts) {
        return new AnalysisCell(State.ADVANCED, counts, null, null);
    }

    boolean hasCounts() {
        return state == State.BASIC || state == State.ADVANCED;
    }

    boolean analysing() {
        return state == State.ANALYSING;
    }
}
