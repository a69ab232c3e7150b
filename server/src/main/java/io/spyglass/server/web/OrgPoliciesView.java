package io.spyglass.server.web;

import java.util.List;

/**
 * An organisation's policy settings page: every policy, whether it is on and its parameters; owners
 * change them (members see them).
 */
record OrgPoliciesView(Frame frame, String org, boolean canChange, List<Row> policies, String error, String message) {
    OrgPoliciesView {
        policies = List.copyOf(policies);
    }

    /** One policy; {@code parameters} as the form shows them (values one per line). */
    record Row(String name, String title, boolean enabled, List<Parameter> parameters) {
        Row {
            parameters = List.copyOf(parameters);
        }
    }

    /** {@code defaults} is shown as a hint. */
    record Parameter(String name, String values, String defaults) {}
}
