package io.spyglass.server.web;

/** One member of an organisation and their role ("owner", "admin", "member"). */
record MemberRow(String username, String role) {}
