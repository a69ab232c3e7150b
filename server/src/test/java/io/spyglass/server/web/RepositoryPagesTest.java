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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The General, Tags and Settings tabs of a repository pushed with skopeo, seen by owner, member and outsider. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepositoryPagesTest {
    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    static Path data;

    private WebServer server;

    @BeforeAll
    void pushImages() throws Exception {
        Path alpine = SharedData.requireCorpus("alpine/oci");
        server = WebServer.start(data);
        User olivia = server.user("olivia");
        server.user("mia");
        server.user("nick");
        Organization acme = server.org("acme", Plan.FREE, olivia);
        server.member(acme, server.hub().users().require("mia"), Role.MEMBER);
        server.push(alpine, "3.20.3", "acme/web:latest", "olivia");
        server.push(alpine, "3.12.12", "acme/web:old", "olivia");
        server.hub().repositories().update(server.repo("acme", "web"), true, "The web front end", null);
        server.org("bigco", Plan.TEAM, olivia);
        server.push(alpine, "3.20.3", "bigco/api:1.0", "olivia");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void generalTabShowsTagsAndThePullCommand() {
        Browser owner = browsers.start().signIn(server.base(), "olivia", WebServer.PASSWORD);
        owner.open(server.base() + "/r/acme/web", "general");
        assertThat(owner.find(By.cssSelector(".repo-head h1")).getText()).contains("acme / web", "Private");
        assertThat(owner.find(By.cssSelector(".repo-head p")).getText()).isEqualTo("The web front end");
        assertThat(owner.find(By.id("pull-command")).getText()).isEqualTo("docker pull " + server.host() + "/acme/web:old");
        List<WebElement> rows = owner.findAll(By.cssSelector("table.tags tbody tr"));
        assertThat(rows).extracting(r -> r.getAttribute("data-tag")).containsExactly("old", "latest");
        String latest = owner.find(By.cssSelector("tr[data-tag='latest']")).getText();
        assertThat(latest).contains("sha256:", "linux/amd64", "MB", "Analysis off").containsPattern("just now|ago");
        assertThat(tabs(owner)).containsExactly("General", "Tags", "Settings");
        owner.phoneShot("general");
    }

    @Test
    void tagsTabSortsAndLinksToTheTag() {
        Browser owner = browsers.start().signIn(server.base(), "olivia", WebServer.PASSWORD);
        owner.open(server.base() + "/r/acme/web/-/tags?sort=name", "tags-by-name");
        assertThat(owner.findAll(By.cssSelector("table.tags tbody tr"))).extracting(r -> r.getAttribute("data-tag"))
                .containsExactly("latest", "old");
        assertThat(owner.find(By.cssSelector(".pager")).getText()).contains("Page 1 of 1");
        owner.find(By.linkText("latest")).click();
        owner.shot("tag-latest");
        assertThat(owner.url()).endsWith("/r/acme/web/-/tags/latest");
        assertThat(owner.text()).contains("acme/web:latest", "linux/amd64", "sha256:");
    }

    @Test
    void memberSeesNoSettingsTabAndCannotPostTheForm() throws Exception {
        Browser member = browsers.start().signIn(server.base(), "mia", WebServer.PASSWORD);
        member.open(server.base() + "/r/acme/web", "member-general");
        assertThat(tabs(member)).containsExactly("General", "Tags");
        member.open(server.base() + "/r/acme/web/-/settings", "member-settings");
        assertThat(member.find(By.tagName("h1")).getText()).isEqualTo("Not allowed");

        HttpClient client = WebServer.client();
        String token = AccountPagesTest.csrf(server.get(client, "/signin").body());
        server.postForm(client, "/signin", List.of("csrf", token, "username", "mia", "password", WebServer.PASSWORD));
        String sessionToken = AccountPagesTest.csrf(server.get(client, "/r/acme/web").body());
        HttpResponse<String> post = server.postForm(client, "/r/acme/web/-/settings", List.of("csrf", sessionToken,
                "visibility", "public", "description", "hacked", "image_insight", "basic"));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(server.repo("acme", "web").description()).isEqualTo("The web front end");
        assertThat(server.repo("acme", "web").isPrivate()).isTrue();
    }

    @Test
    void outsiderGetsTheSameNotFoundForAPrivateRepositoryAsForAMissingOne() throws Exception {
        Browser outsider = browsers.start().signIn(server.base(), "nick", WebServer.PASSWORD);
        outsider.open(server.base() + "/r/acme/web", "outsider-private");
        String privateText = WithoutRequestId.of(outsider.find(By.tagName("main")).getText());
        outsider.open(server.base() + "/r/acme/nothing", "outsider-missing");
        assertThat(WithoutRequestId.of(outsider.find(By.tagName("main")).getText())).isEqualTo(privateText).contains("Page not found");

        HttpClient anonymous = WebServer.client();
        for (String path : List.of("/r/acme/web", "/r/acme/web/-/tags", "/r/acme/web/-/tags/latest", "/r/acme/web/-/settings")) {
            HttpResponse<String> response = server.get(anonymous, path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("acme/web", "The web front end");
        }
        outsider.open(server.base() + "/orgs/acme", "outsider-org");
        assertThat(outsider.text()).doesNotContain("acme/web", "olivia");
        outsider.open(server.base() + "/", "outsider-home");
        assertThat(outsider.text()).doesNotContain("acme/web").contains("bigco/api");
        outsider.open(server.base() + "/search?q=acme", "outsider-search");
        assertThat(outsider.find(By.tagName("main")).getText()).doesNotContain("acme/web", "The web front end")
                .contains("No repository you can see matches");
        outsider.open(server.base() + "/search?q=bigco", "outsider-search-public");
        assertThat(outsider.findAll(By.cssSelector("table.repos tbody tr"))).extracting(r -> r.getAttribute("data-repo"))
                .containsExactly("bigco/api");
    }

    @Test
    void settingsChangeImageInsightAndRefuseWhatThePlanDoesNotAllow() throws Exception {
        Browser owner = browsers.start().signIn(server.base(), "olivia", WebServer.PASSWORD);
        owner.open(server.base() + "/r/acme/web/-/settings", "settings-free-plan");
        WebElement advanced = owner.find(By.cssSelector("input[name=image_insight][value=advanced]"));
        assertThat(advanced.isEnabled()).isFalse();
        assertThat(owner.find(By.id("advanced-why")).getText()).contains("free plan", "pro, team or business");

        owner.find(By.cssSelector("input[name=image_insight][value=basic]")).click();
        owner.submit(By.cssSelector("main form button[type=submit]"), "settings-saved-basic");
        assertThat(owner.find(By.cssSelector(".alert.ok")).getText()).isEqualTo("Settings saved.");
        assertThat(server.repo("acme", "web").imageInsight()).isEqualTo("basic");
        owner.open(server.base() + "/r/acme/web", "general-basic");
        // the tag is queued when the setting changes: not picked up yet, running, or scanned
        assertThat(owner.find(By.cssSelector("tr[data-tag='latest'] .analysis")).getText())
                .matches("(?s)Not analysed yet|Analysing…|.*Basic scan at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");

        owner.open(server.base() + "/r/acme/web/-/settings", "settings-before-none");
        owner.find(By.cssSelector("input[name=image_insight][value=none]")).click();
        owner.submit(By.cssSelector("main form button[type=submit]"), "settings-saved-none");
        owner.open(server.base() + "/r/acme/web", "general-none");
        assertThat(owner.find(By.cssSelector("tr[data-tag='latest'] .analysis")).getText()).isEqualTo("Analysis off");

        // a forged post for advanced on the free plan gets the form back with the reason, and nothing changes
        owner.open(server.base() + "/r/acme/web/-/settings", "settings-forge");
        ((org.openqa.selenium.JavascriptExecutor) owner.driver()).executeScript(
                "var a = document.querySelector('input[value=advanced]'); a.disabled = false; a.checked = true;");
        owner.submit(By.cssSelector("main form button[type=submit]"), "settings-refused-advanced");
        assertThat(owner.find(By.cssSelector(".alert.error")).getText()).contains("needs the pro, team or business plan");
        assertThat(server.repo("acme", "web").imageInsight()).isEqualTo("none");

        owner.open(server.base() + "/r/bigco/api/-/settings", "settings-team-plan");
        owner.find(By.cssSelector("input[name=image_insight][value=advanced]")).click();
        owner.submit(By.cssSelector("main form button[type=submit]"), "settings-saved-advanced");
        assertThat(server.repo("bigco", "api").imageInsight()).isEqualTo("advanced");
    }

    @Test
    void badSettingsValuesGiveTheFormBackWithTheError() throws Exception {
        HttpClient client = WebServer.client();
        String token = AccountPagesTest.csrf(server.get(client, "/signin").body());
        server.postForm(client, "/signin", List.of("csrf", token, "username", "olivia", "password", WebServer.PASSWORD));
        String session = AccountPagesTest.csrf(server.get(client, "/r/bigco/api/-/settings").body());
        HttpResponse<String> bad = server.postForm(client, "/r/bigco/api/-/settings", List.of("csrf", session,
                "visibility", "secret", "description", "new words", "image_insight", "basic"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Choose whether the repository is public or private.", "new words");
        HttpResponse<String> unknown = server.postForm(client, "/r/bigco/api/-/settings", List.of("csrf", session,
                "visibility", "public", "image_insight", "everything"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Choose one of the image insight settings");
        assertThat(server.repo("bigco", "api").description()).isEmpty();
    }

    @Test
    void ownerDeletesTheRepositoryOnlyAfterTypingItsName() throws Exception {
        server.push(SharedData.requireCorpus("alpine/oci"), "3.12.12", "acme/gone:1", "olivia");
        server.hub().repositories().update(server.repo("acme", "gone"), true, null, null);
        HttpClient client = WebServer.client();
        String token = AccountPagesTest.csrf(server.get(client, "/signin").body());
        server.postForm(client, "/signin", List.of("csrf", token, "username", "mia", "password", WebServer.PASSWORD));
        String memberToken = AccountPagesTest.csrf(server.get(client, "/r/acme/gone").body());
        HttpResponse<String> byMember = server.postForm(client, "/r/acme/gone/-/settings", List.of("csrf", memberToken,
                "action", "delete", "confirm", "acme/gone"));
        assertThat(byMember.statusCode()).isEqualTo(403);
        assertThat(server.hub().repositories().find("acme", "gone")).isPresent();

        Browser owner = browsers.start().signIn(server.base(), "olivia", WebServer.PASSWORD);
        owner.open(server.base() + "/r/acme/gone/-/settings", "delete-form");
        assertThat(owner.find(By.id("delete-heading")).getText()).isEqualTo("Delete repository");
        owner.fill("confirm", "acme/web");
        owner.submit(By.cssSelector("#delete-form button[type=submit]"), "delete-wrong-name");
        assertThat(owner.find(By.cssSelector("section[aria-labelledby=delete-heading] .alert.error")).getText())
                .isEqualTo("You typed 'acme/web', not acme/gone; nothing was deleted.");
        assertThat(server.hub().repositories().find("acme", "gone")).isPresent();
        assertThat(server.hub().repositories().find("acme", "web")).isPresent();

        owner.fill("confirm", "acme/gone");
        owner.submit(By.cssSelector("#delete-form button[type=submit]"), "deleted");
        assertThat(owner.url()).endsWith("/orgs/acme");
        assertThat(owner.text()).doesNotContain("acme/gone").contains("web");
        assertThat(server.hub().repositories().find("acme", "gone")).isEmpty();
        owner.open(server.base() + "/r/acme/gone", "deleted-404");
        assertThat(owner.find(By.tagName("main")).getText()).contains("Page not found");
    }

    private static List<String> tabs(Browser browser) {
        return browser.findAll(By.cssSelector(".repo-head .tabs a")).stream().map(WebElement::getText).toList();
    }
}
