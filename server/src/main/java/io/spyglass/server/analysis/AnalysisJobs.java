package io.spyglass.server.analysis;

/** The kinds of job in the queue. */
final class AnalysisJobs {
    /** Catalog one image manifest and match it; payload: the manifest digest. */
    static final String ANALYSE = "analyse";
    /** Re-match the stored packages a change set touches; payload: the change set id. */
    static final String REEVALUATE = "reevaluate";
    /** POST one webhook delivery; payload: the delivery id. */
    static final String WEBHOOK = "webhook";

    private AnalysisJobs() {}
}
