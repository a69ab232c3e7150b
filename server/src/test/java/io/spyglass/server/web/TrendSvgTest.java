package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.analysis.report.SeverityTrend;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart drawn from a trend says, read off the picture, the counts it was given. */
class TrendSvgTest {
    private static SeverityTrend.Point at(long t, long c, long h, long m, long l, long o) {
        return new SeverityTrend.Point(t, List.of(c, h, m, l, o));
    }

    @Test
    void dotsSitAtTheCountsOnTheScaleInTimeOrder() throws Exception {
        SeverityTrend trend = new SeverityTrend(List.of(
                at(1_700_000_000_000L, 0, 1, 4, 0, 0),
                at(1_700_000_600_000L, 3, 1, 7, 2, 0),
                at(1_700_086_400_000L, 2, 0, 7, 2, 1)));
        TrendSvgPoints svg = new TrendSvgPoints(TrendSvg.render(trend));
        assertThat(svg.max).isEqualTo(7);
        assertThat(svg.level("critical")).containsExactly(0L, 3L, 2L);
        assertThat(svg.level("high")).containsExactly(1L, 1L, 0L);
        assertThat(svg.level("medium")).containsExactly(4L, 7L, 7L);
        assertThat(svg.level("low")).containsExactly(0L, 2L, 2L);
        assertThat(svg.level("other")).containsExactly(0L, 0L, 1L);
        // x follows time: ten minutes is a sliver of the day the chart spans
        List<Double> x = svg.xs.get("critical");
        assertThat(x.get(1) - x.get(0)).isLessThan((x.get(2) - x.get(1)) / 100);
        assertThat(svg.text("axis-start")).isEqualTo("2023-11-14 22:13 UTC");
        assertThat(svg.text("axis-end")).isEqualTo("2023-11-15 22:13 UTC");
        assertThat(svg.doc.getDocumentElement().getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .isEqualTo("Vulnerabilities by severity over time; now: 2 critical, 0 high, 7 medium, 2 low, 1 other");
    }

    @Test
    void anEmptyTrendIsAChartSayingSo() throws Exception {
        String svg = TrendSvg.render(new SeverityTrend(List.of()));
        TrendSvgPoints read = new TrendSvgPoints(svg);
        assertThat(read.counts).isEmpty();
        assertThat(svg).contains("No analysed images yet").doesNotContain("style");
    }
}
