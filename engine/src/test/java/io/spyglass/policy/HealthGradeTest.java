package io.spyglass.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grade rule as the README states it. */
class HealthGradeTest {
    static List<PolicyResult> results(int failing, int unknown, boolean kevFails) {
        List<PolicyResult> out = new ArrayList<>();
        if (kevFails) out.add(new PolicyResult("no-known-exploited", PolicyStatus.FAIL, ""));
        for (int i = 0; i < failing; i++) out.add(new PolicyResult("p" + i, PolicyStatus.FAIL, ""));
        for (int i = 0; i < unknown; i++) out.add(new PolicyResult("u" + i, PolicyStatus.UNKNOWN, ""));
        out.add(new PolicyResult("ok", PolicyStatus.PASS, ""));
        out.add(new PolicyResult("off", PolicyStatus.SKIPPED, ""));
        return out;
    }

    @ParameterizedTest
    @CsvSource({"0,A", "1,B", "2,C", "3,D", "4,F", "6,F"})
    void countsFailingPolicies(int failing, String grade) {
        assertThat(HealthGrade.of(results(failing, 0, false))).isEqualTo(HealthGrade.valueOf(grade));
    }

    @Test
    void unknownAndSkippedDoNotCount() {
        assertThat(HealthGrade.of(results(1, 5, false))).isEqualTo(HealthGrade.B);
    }

    @Test
    void aKnownExploitedVulnerabilityIsAlwaysF() {
        assertThat(HealthGrade.of(results(0, 0, true))).isEqualTo(HealthGrade.F);
    }

    @Test
    void aTagTakesTheWorstOfItsImages() {
        assertThat(HealthGrade.worst(List.of(HealthGrade.B, HealthGrade.D, HealthGrade.A))).isEqualTo(HealthGrade.D);
        assertThat(HealthGrade.worst(List.of())).isEqualTo(HealthGrade.A);
    }
}
