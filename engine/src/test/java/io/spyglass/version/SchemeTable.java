package io.spyglass.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shared assertions for the per-scheme table tests: an order holds both ways; a bad version is rejected by name. */
final class SchemeTable {
    private SchemeTable() {}

    static void assertOrder(VersionScheme scheme, String a, String op, String b) {
        int expected = switch (op) {
            case "<" -> -1;
            case "=" -> 0;
            case ">" -> 1;
            default -> throw new IllegalArgumentException(op);
        };
        assertThat(Integer.signum(scheme.compare(a, b))).as("%s %s %s", a, op, b).isEqualTo(expected);
        assertThat(Integer.signum(scheme.compare(b, a))).as("reversed: %s vs %s", b, a).isEqualTo(-expected);
    }

    static void assertRejected(VersionScheme scheme, String bad) {
        String version = bad.equals("<empty>") ? "" : bad;
        assertThatThrownBy(() -> scheme.compare(version, "1.0.0"))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining(scheme.name())
                .hasMessageContaining("'" + version + "'");
        assertThat(scheme.isValid(version)).isFalse();
    }
}
