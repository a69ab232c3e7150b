package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The second line of defence, and the check the page tests rely on: if markup did slip through
 * escaping, the page policy stops Chromium running it, and the browser reports the violation (which
 * {@link BrowserFixture} turns into a failed test for every page test).
 */
class SecurityHeadersTest {
    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @Test
    void inlineScriptHandlersAndStylesAreBlockedAndReported() {
        Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
        SecurityHeaders.install(app);
        app.get("/", ctx -> ctx.html("<!DOCTYPE html><html><head><title>t</title></head><body>"
                + "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">"
                + "<p id=styled style=\"color: rgb(255, 0, 0)\">styled</p><a id=js href=\"javascript:window.__xss=3\">go</a></body></html>"));
        app.start(0);
        try {
            Browser browser = browsers.start().open("http://localhost:" + app.port() + "/", "blocked");
            browser.find(org.openqa.selenium.By.id("js")).click();
            assertThat(browser.driver().executeScript("return typeof window.__xss")).isEqualTo("undefined");
            assertThat(browser.find(org.openqa.selenium.By.id("styled")).getCssValue("color")).isNotEqualTo("rgba(255, 0, 0, 1)");
            assertThat(String.join("\n", browser.cspViolations()))
                    .contains("inline script", "inline event handler", "inline style", "JavaScript URL");
            browser.forgetCspViolations();
        } finally {
            app.stop();
        }
    }
}
