package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.spyglass.server.analysis.base.BaseImageModel.BaseImage;
import io.spyglass.server.analysis.base.BaseImageModel.ImageBase;
import io.spyglass.server.analysis.base.BaseImageModel.Recommendation;
import io.spyglass.server.analysis.base.BaseImageModel.SeverityDelta;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The tag page's base image card and "Recommended fixes" in Chromium, and the origin filter of the
 * Vulnerabilities tab: packages from the base's layers or added on top.
 */
class TagBasePageTest {
    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    private final Templates templates = new Templates();

    @Test
    void theBaseItsFixesAndTheOriginFilter() {
        Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
        new StaticAssets().register(app);
        app.get("/r/acme/web/-/tags/1.0/{tab}", ctx -> ctx.html(templates.render("tag.jte", view(ctx.pathParam("tab"),
                ReportFilter.of(ctx), ctx.queryParam("origin")))));
        app.start(0);
        try {
            String url = "http://localhost:" + app.port() + "/r/acme/web/-/tags/1.0/";
            Browser browser = browsers.start().open(url + "vulnerabilities", "base-image");
            String card = browser.find(By.cssSelector("section.base-image")).getText();
            assertThat(card).contains("library/debian:bookworm-20240701", "Recommended fixes", "(layer 1)");
            assertThat(browser.findAll(By.cssSelector("table.recommendations tbody tr")))
                    .extracting(r -> r.getAttribute("data-recommendation"))
                    .containsExactly("library/debian:bookworm-20240701", "library/debian:bookworm-20241111");
            assertThat(browser.find(By.cssSelector("tr[data-recommendation='library/debian:bookworm-20241111']")).getText())
                    .contains("Newer tag", "C\n1\nH\n2", "28 MB", "3 days ago");
            assertThat(browser.find(By.linkText("library/debian:bookworm-20241111")).getAttribute("href"))
                    .endsWith("/r/library/debian/-/tags/bookworm-20241111");

            browser.open(url + "vulnerabilities?origin=base", "only-from-base");
            assertThat(browser.findAll(By.cssSelector("details.pkg"))).extracting(p -> p.getAttribute("data-package"))
                    .containsExactly("openssl");
            browser.open(url + "vulnerabilities?origin=top", "only-on-top");
            assertThat(browser.findAll(By.cssSelector("details.pkg"))).extracting(p -> p.getAttribute("data-package"))
                    .containsExactly("lodash");
            assertThat(browser.find(By.id("f-origin")).getAttribute("value")).isEqualTo("top");
        } finally {
            app.stop();
        }
    }

    private TagView view(String tab, ReportFilter filter, String origin) {
        TagView plain = TagReportPageTest.view(tab, filter);
        long day = 86_400_000L;
        ImageBase base = new ImageBase(new BaseImage("library/debian", "bookworm-20240701", "sha256:" + "ef".repeat(32), "layers", 1, "linux/amd64"),
                List.of(new Recommendation("refresh", "library/debian", "bookworm-20240701", "sha256:" + "01".repeat(32), "queued",
                                null, null, null, 29_000_000L, System.currentTimeMillis() - day),
                        new Recommendation("newer-tag", "library/debian", "bookworm-20241111", "sha256:" + "02".repeat(32), "done",
                                new SeverityDelta(1, 2, 0, 1, 0), SeverityDelta.ZERO, 29_400_000L, 29_000_000L, System.currentTimeMillis() - 3 * day)));
        List<String> layers = plain.details().layers().stream().filter(l -> !l.empty()).map(LayerRow::digest).toList();
        return new TagView(plain.frame(), plain.header(), plain.tag(), plain.tab(), plain.pullCommand(), plain.platforms(), plain.platform(),
                plain.imageDigest(), plain.details(), plain.report(), plain.filter(), plain.supplyChain(), plain.policies(),
                TagBaseView.of(Optional.of(base), layers, origin));
    }

}
