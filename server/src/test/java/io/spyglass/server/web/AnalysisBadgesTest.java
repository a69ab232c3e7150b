package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** Every state a tag's analysis can be in, as the General tab shows it (badges, Analysing…, failure, basic, off). */
class AnalysisBadgesTest {
    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    private final Templates templates = new Templates();

    @Test
    void eachStateReadsClearlyAndAnalysingRefreshesThePage() {
        List<TagRow> rows = List.of(
                row("advanced", AnalysisCell.advanced(new SeverityCounts(2, 5, 11, 3, 1))),
                row("clean", AnalysisCell.advanced(SeverityCounts.NONE)),
                row("basic", AnalysisCell.basic(new SeverityCounts(0, 1, 2, 0, 0), "2026-11-26 17:40 UTC")),
                row("running", AnalysisCell.ANALYSING),
                row("broken", AnalysisCell.failed("layer 3 is not a tar archive")),
                row("waiting", AnalysisCell.NOT_ANALYSED),
                row("off", AnalysisCell.OFF));
        SeverityCounts chart = rows.stream().map(TagRow::analysis).filter(AnalysisCell::hasCounts)
                .map(AnalysisCell::counts).reduce(SeverityCounts.NONE, SeverityCounts::plus);
        RepoHeader header = new RepoHeader("acme", "/orgs/acme", "web", false, "", "general", true);
        Frame frame = RepositoryPages.refreshing(Frame.anonymous("acme/web"), rows);
        String html = templates.render("repoGeneral.jte",
                new RepoGeneralView(frame, header, "docker pull h/acme/web:advanced", "h/acme/web:TAG", rows, 7, chart, null));

        Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
        // under the server's Content Security Policy, so the bars must be drawn without inline styles
        SecurityHeaders.install(app);
        new StaticAssets().register(app);
        String refresh = "<meta http-equiv=\"refresh\" content=\"5\">";
        assertThat(html).contains(refresh);
        // the browser gets the page without it: on a loaded machine a reload mid-test makes elements stale
        app.get("/", ctx -> ctx.html(html.replace(refresh, "")));
        app.start(0);
        try {
            Browser browser = browsers.start().open("http://localhost:" + app.port() + "/", "all-states");
            assertThat(cell(browser, "advanced")).isEqualTo("C2H5M11L3U1");
            assertThat(browser.find(By.cssSelector("tr[data-tag='advanced'] .sevs")).getAttribute("aria-label"))
                    .isEqualTo("2 critical, 5 high, 11 medium, 3 low, 1 unspecified");
            assertThat(cell(browser, "clean")).isEqualTo("C0H0M0L0U0");
            assertThat(cell(browser, "basic")).isEqualTo("C0H1M2L0U0Basicscanat2026-11-2617:40UTC");
            assertThat(cell(browser, "running")).isEqualTo("Analysing…");
            assertThat(text(browser, "broken")).isEqualTo("Analysis failed: layer 3 is not a tar archive");
            assertThat(text(browser, "waiting")).isEqualTo("Not analysed yet");
            assertThat(text(browser, "off")).isEqualTo("Analysis off");
            assertThat(browser.find(By.cssSelector(".chart")).getAttribute("aria-label"))
                    .isEqualTo("2 critical, 6 high, 13 medium, 3 low, 1 unspecified");
            // at a glance: one bar per analysed tag, scaled to the tag with the most findings
            assertThat(browser.findAll(By.cssSelector("ul.glance li"))).extracting(li -> li.getAttribute("data-tag"))
                    .containsExactly("advanced", "clean", "basic");
            assertThat(browser.find(By.cssSelector("ul.glance li[data-tag='basic'] .stack")).getAttribute("aria-label"))
                    .isEqualTo("basic: 0 critical, 1 high, 2 medium, 0 low, 0 unspecified");
            int widest = browser.find(By.cssSelector("ul.glance li[data-tag='advanced'] .stack")).getSize().getWidth();
            int basic = browser.find(By.cssSelector("ul.glance li[data-tag='basic'] .stack")).getSize().getWidth();
            // advanced has 2+5+11+3+1 = 22 findings, basic 3
            assertThat(basic).isBetween(widest * 3 / 22 - 3, widest * 3 / 22 + 3);
            browser.phoneShot("all-states");
        } finally {
            app.stop();
        }
    }

    @Test
    void finishedAnalysisDoesNotRefresh() {
        List<TagRow> rows = List.of(row("done", AnalysisCell.advanced(SeverityCounts.NONE)));
        assertThat(RepositoryPages.refreshing(Frame.anonymous("x"), rows).refreshSeconds()).isZero();
    }

    /** The cell's text without white space: badges read "C2H5…". */
    private static String cell(Browser browser, String tag) {
        return browser.find(By.cssSelector("tr[data-tag='" + tag + "'] .analysis")).getText().replaceAll("\\s+", "");
    }

    private static String text(Browser browser, String tag) {
        return browser.find(By.cssSelector("tr[data-tag='" + tag + "'] .analysis")).getText();
    }

    private static TagRow row(String tag, AnalysisCell cell) {
        return new TagRow(tag, "sha256:" + "ab".repeat(32), List.of("linux/amd64"), "3.3 MB", "just now",
                "2026-11-26T17:40:00Z", cell, "/r/acme/web/-/tags/" + tag);
    }
}
