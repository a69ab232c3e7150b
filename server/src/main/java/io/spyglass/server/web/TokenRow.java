package io.spyglass.server.web;

/** One access token in the list (never its secret). */
record TokenRow(long id, String label, String scope, String created, String lastUsed, boolean revoked) {}
