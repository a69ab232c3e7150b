package io.spyglass.server.analysis.job;

/** The kinds of job in the queue. */
public final class AnalysisJobs {
    /** Catalog one image manifest and match it; payload: the manifest digest. */
    public static final String ANALYSE = "analyse";
    /** Re-match the stored packages a change set touches; payload: the change set id. */
    public static final String REEVALUATE = "reevaluate";
    /** POST one webhook delivery; payload: the delivery id. */
    public static final String WEBHOOK = "webhook";
    /** Read the BuildKit attestation manifests of a pushed index; payload: the index digest. */
    public static final String ATTESTATIONS = "attestations";

    /** Evaluate the policies of images again (their VEX changed); payload: the manifest digests, comma-separated. */
    public static final String POLICIES = "policies";

    private AnalysisJobs() {}
}
