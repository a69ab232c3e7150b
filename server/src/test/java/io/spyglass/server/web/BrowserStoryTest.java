package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Role;
import io.spyglass.server.hub.User;
import io.spyglass.testing.SharedData;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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

/**
 * The story of issue 6 in real Chromium, step by step on one server: an owner signs in, makes an
 * access token, pushes with skopeo using it, looks at the tag; a member and an outsider look too;
 * the owner switches image insight. Steps that need a part not built yet are skipped with the name
 * of the missing part (see {@link #MISSING_ANALYSIS}), never faked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserStoryTest {
    static final String MISSING_ANALYSIS = "Assumptions: analysis jobs and stored reports (issue 5) are not in "
            + "this build, so no tag gets badges, packages or findings yet";

    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    static Path data;

    private WebServer server;
    private Path alpine;
    private String token;

    @BeforeAll
    void start() throws Exception {
        alpine = SharedData.requireCorpus("alpine/oci");
        server = WebServer.start(data);
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

        server.pushWithSecret(alpine, "3.20.3", "acme/shop:1.0", "olivia", token);
        server.hub().repositories().update(server.repo("acme", "shop"), true, "Shop front end", "advanced");

        owner.open(server.base() + "/r/acme/shop", "pushed");
        assertThat(owner.find(By.cssSelector("tr[data-tag='1.0']")).getText()).contains("linux/amd64");
        owner.open(server.base() + "/settings", "token-used");
        assertThat(owner.find(By.cssSelector("tr[data-token='skopeo']")).getText()).doesNotContain("Never");
    }

    @Test
    @Order(2)
    void analysingTurnsIntoBadges() {
        abort(MISSING_ANALYSIS + " (the tag says \"Not analysed yet\" instead of \"Analysing…\").");
    }

    @Test
    @Order(3)
    void tagPageExpandsAPackageAndAVulnerabilityAndLinksToIt() {
        abort(MISSING_ANALYSIS + " (the tag page shows layers only).");
    }

    @Test
    @Order(4)
    void vulnerabilityPageListsTheImage() {
        abort(MISSING_ANALYSIS + " (the vulnerability page cannot list images).");
    }

    @Test
    @Order(5)
    void nonMemberGetsNotFoundForThePrivateRepository() throws Exception {
        Browser outsider = browsers.start().signIn(server.base(), "nick", WebServer.PASSWORD);
        outsider.open(server.base() + "/r/acme/shop", "outsider-private");
        assertThat(outsider.find(By.tagName("h1")).getText()).isEqualTo("Page not found");
        String privateRepo = outsider.find(By.tagName("main")).getText();
        outsider.open(server.base() + "/r/acme/no-such-repo", "outsider-missing");
        assertThat(outsider.find(By.tagName("main")).getText()).isEqualTo(privateRepo);
        outsider.open(server.base() + "/r/acme/shop/-/tags/1.0", "outsider-tag");
        assertThat(outsider.find(By.tagName("main")).getText()).isEqualTo(privateRepo);
        outsider.open(server.base() + "/search?q=shop", "outsider-search");
        assertThat(outsider.text()).doesNotContain("acme/shop", "Shop front end");
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
        for (String choice : List.of("basic", "none")) {
            owner.open(server.base() + "/r/acme/shop/-/settings", "settings-" + choice);
            owner.find(By.cssSelector("input[name=image_insight][value=" + choice + "]")).click();
            owner.submit(By.cssSelector("main form button[type=submit]"), "saved-" + choice);
            assertThat(server.repo("acme", "shop").imageInsight()).isEqualTo(choice);
            owner.open(server.base() + "/r/acme/shop", "general-" + choice);
            String cell = owner.find(By.cssSelector("tr[data-tag='1.0'] .analysis")).getText();
            if (choice.equals("none")) {
                assertThat(cell).isEqualTo("Analysis off");
            } else {
                // the tag is queued when the setting changes: not picked up yet, running, or scanned
                assertThat(cell).matches("(?s)Not analysed yet|Analysing…|.*Basic scan at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");
            }
        }
    }
}
