package io.spyglass.server.web;

import io.spyglass.server.testing.WithoutRequestId;
import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Role;
import io.spyglass.server.hub.User;
import io.spyglass.testing.SharedData;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The story of issue 6 in real Chromium, step by step on one server: an owner signs in, makes an
 * access token, pushes the corpus Debian image with skopeo using it, turns on advanced analysis
 * and watches "Analysing…" turn into badges (the shared GHSA records are imported first, so the
 * image's lodash, minimist and jackson-databind are found); opens the tag, a package, a
 * vulnerability and its page; a member and an outsider look too; the owner switches image insight.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserStoryTest {
    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    static Path data;

    private WebServer server;
    private Path debian;
    private String token;
    private String vulnerability;

    @BeforeAll
    void start() throws Exception {
        debian = SharedData.requireCorpus("debian/oci");
        server = WebServer.start(data);
        server.importGhsa();
        User olivia = server.user("olivia");
        server.user("mia");
        server.user("nick");
        Organization acme = server.org("acme", Plan.TEAM, olivia);
        server.member(acme, server.hub().users().require("mia"), Role.MEMBER);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void ownerSignsInMakesATokenAndPushesWithSkopeo() throws Exception {
        Browser owner = browsers.start().signIn(server.base(), "olivia", WebServer.PASSWORD);
        owner.open(server.base() + "/settings", "settings");
        owner.fill("label", "skopeo");
        owner.submit(By.cssSelector("form[action='/settings/tokens'] button"), "token");
        token = owner.find(By.id("new-token-secret")).getText();

        server.pushWithSecret(debian, "bookworm", "acme/shop:1.0", "olivia", token);
        owner.open(server.base() + "/r/acme/shop", "pushed");
        assertThat(owner.find(By.cssSelector("tr[data-tag='1.0']")).getText()).contains("linux/amd64", "Analysis off");
        owner.open(server.base() + "/settings", "token-used");
        assertThat(owner.find(By.cssSelector("tr[data-token='skopeo']")).getText()).doesNotContain("Never");
    }

    @Test
    @Order(2)
    void ownerTurnsOnAnalysisAndAnalysingTurnsIntoBadges() {
        Browser owner = browsers.start().signIn(server.base(), "olivia", WebServer.PASSWORD);
        owner.open(server.base() + "/r/acme/shop/-/settings", "settings-before");
        owner.fill("description", "Shop front end");
        owner.find(By.cssSelector("input[name=visibility][value=private]")).click();
        owner.find(By.cssSelector("input[name=image_insight][value=advanced]")).click();
        owner.submit(By.cssSelector("main form button[type=submit]"), "settings-advanced");
        assertThat(owner.find(By.cssSelector("[role=status]")).getText()).isEqualTo("Settings saved.");
        assertThat(server.repo("acme", "shop").imageInsight()).isEqualTo("advanced");
        assertThat(server.repo("acme", "shop").isPrivate()).isTrue();

        owner.open(server.base() + "/r/acme/shop", "analysing");
        // turning analysis on queued the tag already there. The Debian image takes seconds to walk, but
        // on a fast machine it may be done before the page loads: then the badges show straight away
        By sevs = By.cssSelector("tr[data-tag='1.0'] .analysis .sevs");
        String first = owner.find(By.cssSelector("tr[data-tag='1.0'] .analysis")).getText();
        if (owner.findAll(sevs).isEmpty()) {
            assertThat(first).isEqualTo("Analysing…");
            assertThat(owner.find(By.cssSelector("meta[http-equiv=refresh]")).getAttribute("content")).isEqualTo("5");
            // no reload from the test: the page refreshes itself until the badges are there
            new WebDriverWait(owner.driver(), Duration.ofSeconds(240)).pollingEvery(Duration.ofMillis(500))
                    .until(d -> !d.findElements(sevs).isEmpty());
        }
        owner.shot("badges");
        String badges = owner.find(By.cssSelector("tr[data-tag='1.0'] .analysis .sevs")).getAttribute("aria-label");
        assertThat(badges).matches("[1-9]\\d* critical, \\d+ high, \\d+ medium, \\d+ low, \\d+ unspecified");
        assertThat(owner.findAll(By.cssSelector("meta[http-equiv=refresh]"))).isEmpty();
    }

    @Test
    @Order(3)
    void tagPageExpandsAPackageAndAVulnerabilityAndLinksToIt() {
        Browser owner = browsers.start().signIn(server.base(), "olivia", WebServer.PASSWORD);
        owner.open(server.base() + "/r/acme/shop/-/tags/1.0", "tag-layers");
        // the application layer added every vulnerable package; its counts link to them
        List<WebElement> layers = owner.findAll(By.cssSelector("table.layers tbody tr"));
        assertThat(layers.get(0).getText()).contains("None found");
        assertThat(layers.get(1).findElement(By.cssSelector(".sevs")).getAttribute("aria-label")).doesNotStartWith("0 critical");
        owner.open(server.base() + "/r/acme/shop/-/tags/1.0/packages", "tag-packages");
        assertThat(owner.findAll(By.cssSelector("table.packages tbody tr"))).hasSizeGreaterThan(100);
        owner.open(server.base() + "/r/acme/shop/-/tags/1.0/history", "tag-history");
        assertThat(owner.find(By.tagName("main")).getText()).contains("No changes since the first analysis.");
        owner.open(server.base() + "/r/acme/shop/-/tags/1.0", "tag-layers-again");
        owner.find(By.linkText("Vulnerabilities")).click();
        owner.shot("tag-vulnerabilities");
        WebElement lodash = owner.find(By.cssSelector("details.pkg[data-package='lodash']"));
        WebElement redos = lodash.findElement(By.cssSelector("details.vuln[data-vulnerability='CVE-2020-28500']"));
        assertThat(redos.isDisplayed()).isFalse();
        lodash.findElement(By.tagName("summary")).click();
        assertThat(redos.isDisplayed()).isTrue();
        redos.findElement(By.tagName("summary")).click();
        owner.shot("tag-expanded");
        owner.phoneShot("tag-expanded");
        assertThat(redos.getText()).contains("Regular Expression Denial of Service (ReDoS) in lodash", "4.17.21", "ghsa",
                "5.3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", "layer 2", "node_modules/lodash");
        vulnerability = "CVE-2020-28500";
        redos.findElement(By.linkText(vulnerability)).click();
        new WebDriverWait(owner.driver(), Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().endsWith("/vulnerabilities/" + vulnerability));
        owner.shot("vulnerability");
        assertThat(owner.find(By.cssSelector(".repo-head h1")).getText()).startsWith(vulnerability);
    }

    @Test
    @Order(4)
    void vulnerabilityPageListsTheImage() {
        Browser owner = browsers.start().signIn(server.base(), "olivia", WebServer.PASSWORD);
        owner.open(server.base() + "/vulnerabilities/" + vulnerability, "vulnerability-images");
        String images = owner.find(By.id("images-heading")).findElement(By.xpath("..")).getText();
        assertThat(images).contains("acme/shop", "1.0", "lodash", "4.17.15", "4.17.21");
    }

    @Test
    @Order(5)
    void nonMemberGetsNotFoundForThePrivateRepository() throws Exception {
        Browser outsider = browsers.start().signIn(server.base(), "nick", WebServer.PASSWORD);
        outsider.open(server.base() + "/r/acme/shop", "outsider-private");
        assertThat(outsider.find(By.tagName("h1")).getText()).isEqualTo("Page not found");
        String privateRepo = WithoutRequestId.of(outsider.find(By.tagName("main")).getText());
        outsider.open(server.base() + "/r/acme/no-such-repo", "outsider-missing");
        assertThat(WithoutRequestId.of(outsider.find(By.tagName("main")).getText())).isEqualTo(privateRepo);
        outsider.open(server.base() + "/r/acme/shop/-/tags/1.0", "outsider-tag");
        assertThat(WithoutRequestId.of(outsider.find(By.tagName("main")).getText())).isEqualTo(privateRepo);
        outsider.open(server.base() + "/r/acme/shop/-/tags/1.0/sbom.spdx.json", "outsider-sbom");
        assertThat(WithoutRequestId.of(outsider.find(By.tagName("main")).getText())).isEqualTo(privateRepo);
        outsider.open(server.base() + "/search?q=shop", "outsider-search");
        assertThat(outsider.text()).doesNotContain("acme/shop", "Shop front end");
        outsider.open(server.base() + "/vulnerabilities/CVE-2020-28500", "outsider-vulnerability");
        assertThat(outsider.find(By.cssSelector(".repo-head h1")).getText()).startsWith("CVE-2020-28500");
        assertThat(outsider.text()).doesNotContain("acme/shop", "acme");
    }

    @Test
    @Order(6)
    void memberSeesNoSettingsTabAndCannotPostTheForm() throws Exception {
        Browser member = browsers.start().signIn(server.base(), "mia", WebServer.PASSWORD);
        member.open(server.base() + "/r/acme/shop", "member-general");
        assertThat(member.findAll(By.cssSelector(".repo-head .tabs a"))).extracting(e -> e.getText())
                .containsExactly("General", "Tags");

        HttpClient client = WebServer.client();
        String visitor = AccountPagesTest.csrf(server.get(client, "/signin").body());
        server.postForm(client, "/signin", List.of("csrf", visitor, "username", "mia", "password", WebServer.PASSWORD));
        String csrf = AccountPagesTest.csrf(server.get(client, "/r/acme/shop").body());
        HttpResponse<String> post = server.postForm(client, "/r/acme/shop/-/settings",
                List.of("csrf", csrf, "visibility", "public", "description", "", "image_insight", "none"));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(server.repo("acme", "shop").imageInsight()).isEqualTo("advanced");
        assertThat(server.repo("acme", "shop").isPrivate()).isTrue();
    }

    @Test
    @Order(7)
    void switchingToBasicAndNoneChangesWhatThePagesSay() {
        Browser owner = browsers.start().signIn(server.base(), "olivia", WebServer.PASSWORD);
        switchTo(owner, "basic");
        owner.open(server.base() + "/r/acme/shop", "general-basic");
        // the stored scan is kept; basic shows it as a point-in-time scan that is never updated
        new WebDriverWait(owner.driver(), Duration.ofSeconds(180)).pollingEvery(Duration.ofMillis(500))
                .until(d -> d.findElement(By.cssSelector("tr[data-tag='1.0'] .analysis")).getText().contains("Basic scan at"));
        assertThat(owner.find(By.cssSelector("tr[data-tag='1.0'] .analysis")).getText())
                .matches("(?s).*Basic scan at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");
        owner.open(server.base() + "/r/acme/shop/-/tags/1.0/vulnerabilities", "tag-basic");
        assertThat(owner.findAll(By.cssSelector("details.pkg"))).isNotEmpty();

        switchTo(owner, "none");
        owner.open(server.base() + "/r/acme/shop", "general-none");
        assertThat(owner.find(By.cssSelector("tr[data-tag='1.0'] .analysis")).getText()).isEqualTo("Analysis off");
        owner.open(server.base() + "/r/acme/shop/-/tags/1.0/vulnerabilities", "tag-none");
        assertThat(owner.findAll(By.cssSelector("details.pkg"))).isEmpty();
        assertThat(owner.find(By.tagName("main")).getText()).contains("Analysis off");
        owner.open(server.base() + "/r/acme/shop/-/tags/1.0/sbom.spdx.json", "sbom-none");
        assertThat(owner.find(By.tagName("main")).getText()).contains("image analysis is off");
    }

    private void switchTo(Browser owner, String choice) {
        owner.open(server.base() + "/r/acme/shop/-/settings", "settings-" + choice);
        owner.find(By.cssSelector("input[name=image_insight][value=" + choice + "]")).click();
        owner.submit(By.cssSelector("main form button[type=submit]"), "saved-" + choice);
        assertThat(server.repo("acme", "shop").imageInsight()).isEqualTo(choice);
    }
}
