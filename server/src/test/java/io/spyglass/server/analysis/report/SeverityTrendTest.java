package io.spyglass.server.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Counts over time rebuilt from each image's counts now and the history of what changed. */
class SeverityTrendTest {
    private static List<Long> counts(long critical, long high, long medium, long low, long other) {
        return List.of(critical, high, medium, low, other);
    }

    @Test
    void eachImageCountsFromItsAnalysisAndHistoryIsUndoneBackwards() {
        // a: analysed at 100 with nothing, then re-evaluation added 2 critical at 200 and removed a high at 300
        SeverityTrend.Image a = new SeverityTrend.Image("sha256:a", 100, counts(2, 0, 1, 0, 0));
        // b: analysed at 250 with 1 low, 1 "negligible"
        SeverityTrend.Image b = new SeverityTrend.Image("sha256:b", 250, counts(0, 0, 0, 1, 1));
        List<SeverityTrend.Change> history = List.of(
                new SeverityTrend.Change("sha256:a", 200, "critical", true),
                new SeverityTrend.Change("sha256:a", 200, "critical", true),
                new SeverityTrend.Change("sha256:a", 300, "high", false),
                new SeverityTrend.Change("sha256:a", 50, "medium", true), // before a's analysis: not a point of a's
                new SeverityTrend.Change("sha256:gone", 400, "critical", true)); // an image no longer tagged
        SeverityTrend trend = SeverityTrend.of(List.of(a, b), history, 1000);
        assertThat(trend.points()).extracting(SeverityTrend.Point::at).containsExactly(100L, 200L, 250L, 300L, 1000L);
        assertThat(trend.points()).extracting(SeverityTrend.Point::counts).containsExactly(
                counts(0, 1, 1, 0, 0),
                counts(2, 1, 1, 0, 0),
                counts(2, 1, 1, 1, 1),
                counts(2, 0, 1, 1, 1),
                counts(2, 0, 1, 1, 1));
    }

    @Test
    void nothingAnalysedIsNoPoints() {
        assertThat(SeverityTrend.of(List.of(), List.of(), 5).points()).isEmpty();
    }

    @Test
    void unknownSeveritiesCountAsOther() {
        assertThat(SeverityTrend.level("negligible")).isEqualTo(4);
        assertThat(SeverityTrend.level(null)).isEqualTo(4);
        assertThat(SeverityTrend.level("HIGH")).isEqualTo(1);
    }
}
