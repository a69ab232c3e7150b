package io.spyglass.server.analysis;

/** One row of table findings: package {@code pkg} of an image is affected by {@code vulnerabilityId}. */
record StoredFinding(long pkg, String vulnerabilityId, String advisoryId, String source, String namespace,
                     String severity, String cvss, String fixedVersion, String range) {}
