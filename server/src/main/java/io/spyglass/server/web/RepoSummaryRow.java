package io.spyglass.server.web;

/**
 * One repository in a list; {@code worst} is the analysis of its worst tag, {@code worstTag} that
 * tag's name (null when no tag is analysed) and {@code worstTagUrl} its page.
 */
record RepoSummaryRow(String fullName, String url, boolean isPrivate, String description, int tagCount,
                      String lastPushed, AnalysisCell worst, String worstTag, String worstTagUrl) {}
