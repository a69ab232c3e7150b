package io.spyglass.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * apk-tools' own {@code test/unit/version.data}, read as apk's unit test reads it: {@code a OP b} where OP
 * combines {@code < > = ~} (fuzzy) and may start with {@code !} (negated); a lone version must be valid,
 * {@code !version} must be invalid. Plain {@code < > =} lines are also checked reversed; fuzzy lines are
 * not, because a fuzzy match is one-sided ({@code 3.6.9 ~ 3.6} but not {@code 3.6 ~ 3.6.9}).
 */
class ApkVersionDataTest {

    private static final ApkVersionScheme APK = (ApkVersionScheme) Schemes.APK;

    static List<VersionVectors.Line> lines() {
        return VersionVectors.lines("data/version-vectors/apk/version.data");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void agrees(VersionVectors.Line line) {
        VersionVectors.require(line);
        String[] f = line.fields();
        if (f.length == 1) {
            boolean invalid = f[0].startsWith("!");
            String version = invalid ? f[0].substring(1) : f[0];
            assertThat(APK.isValid(version)).as("valid: %s", version).isEqualTo(!invalid);
            return;
        }
        assertThat(f).as("line '%s'", line).hasSize(3);
        String op = f[1];
        boolean negated = op.startsWith("!");
        if (negated) op = op.substring(1);
        boolean fuzzy = op.contains("~");
        int result = Integer.signum(fuzzy ? APK.compareFuzzy(f[0], f[2]) : APK.compare(f[0], f[2]));
        boolean ok = (result < 0 && op.contains("<")) || (result > 0 && op.contains(">"))
                || (result == 0 && (op.contains("=") || fuzzy));
        assertThat(ok).as("%s %s %s gave %d", f[0], f[1], f[2], result).isEqualTo(!negated);
        if (!fuzzy && !negated && op.length() == 1) {
            assertThat(Integer.signum(APK.compare(f[2], f[0]))).as("reversed").isEqualTo(-result);
        }
    }
}
