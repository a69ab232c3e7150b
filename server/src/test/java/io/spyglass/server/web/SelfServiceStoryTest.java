package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.hub.Caller;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Repository;
import java.net.http.HttpClient;
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
import org.openqa.selenium.support.ui.Select;

/**
 * Self-service in real Chromium, as a new user would do it, on one server: sign up, create an
 * organisation, create a private repository, invite a member who then sees it, remove them and they
 * no longer do; a site admin changes the organisation's plan and promotes a user; a non-admin gets
 * the 404 page for {@code /admin}. Every step is saved under {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SelfServiceStoryTest {
    private static final String OLIVIA_PASSWORD = "olivia-password-1";
    private static final String MIA_PASSWORD = "mia-password-22";

    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    static Path data;

    private WebServer server;

    @BeforeAll
    void start() throws Exception {
        server = WebServer.start(data);
        server.user("root");
        server.hub().siteAdmins().set("root", true);
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @Test
    @Order(1)
    void signUpThenCreateAnOrganisationAndAPrivateRepository() {
        Browser olivia = signUp("olivia", OLIVIA_PASSWORD);
        olivia.find(By.linkText("New organisation")).click();
        olivia.shot("new-org-form");

        olivia.fill("org-name", "Acme Corp").submit(By.cssSelector("form[action='/organizations/new'] button"), "org-invalid-name");
        assertThat(olivia.find(By.cssSelector(".alert.error")).getText()).contains("Invalid name 'Acme Corp'");
        assertThat(olivia.find(By.id("org-name")).getAttribute("value")).as("input kept").isEqualTo("Acme Corp");
        olivia.fill("org-name", "root").submit(By.cssSelector("form[action='/organizations/new'] button"), "org-name-taken");
        assertThat(olivia.find(By.cssSelector(".alert.error")).getText()).isEqualTo("The name 'root' is already taken.");

        olivia.fill("org-name", "acme").submit(By.cssSelector("form[action='/organizations/new'] button"), "org-created");
        assertThat(olivia.url()).endsWith("/orgs/acme?done=Created+acme");
        assertThat(olivia.find(By.cssSelector(".repo-head h1")).getText()).contains("acme", "free plan");
        assertThat(olivia.find(By.cssSelector("tr[data-member='olivia']")).getText()).contains("owner");

        olivia.find(By.linkText("New repository")).click();
        olivia.shot("new-repo-form");
        assertThat(new Select(olivia.find(By.id("repo-namespace"))).getFirstSelectedOption().getText()).isEqualTo("acme");
        olivia.fill("repo-name", "shop").fill("repo-description", "Shop front end");
        olivia.find(By.cssSelector("input[name=visibility][value=private]")).click();
        olivia.find(By.cssSelector("input[name=image_insight][value=advanced]")).click();
        olivia.submit(By.cssSelector("form[action='/repositories/new'] button[type=submit]"), "repo-advanced-refused");
        assertThat(olivia.find(By.cssSelector(".alert.error")).getText()).contains("Advanced image analysis needs a pro, team or business plan", "free plan");
        assertThat(olivia.find(By.id("repo-name")).getAttribute("value")).isEqualTo("shop");
        assertThat(olivia.find(By.id("repo-description")).getAttribute("value")).isEqualTo("Shop front end");
        assertThat(olivia.find(By.cssSelector("input[name=visibility][value=private]")).isSelected()).isTrue();
        assertThat(server.hub().repositories().find("acme", "shop")).isEmpty();

        olivia.find(By.cssSelector("input[name=image_insight][value=basic]")).click();
        olivia.submit(By.cssSelector("form[action='/repositories/new'] button[type=submit]"), "repo-created");
        assertThat(olivia.url()).endsWith("/r/acme/shop");
        assertThat(olivia.find(By.cssSelector(".repo-head")).getText()).contains("acme", "shop", "Private");
        Repository shop = server.repo("acme", "shop");
        assertThat(shop.isPrivate()).isTrue();
        assertThat(shop.imageInsight()).isEqualTo("basic");
        assertThat(shop.description()).isEqualTo("Shop front end");

        olivia.open(server.base() + "/repositories/new?namespace=acme", "repo-duplicate-form");
        olivia.fill("repo-name", "shop").submit(By.cssSelector("form[action='/repositories/new'] button[type=submit]"), "repo-duplicate");
        assertThat(olivia.find(By.cssSelector(".alert.error")).getText()).isEqualTo("Repository 'acme/shop' already exists.");
    }

    @Test
    @Order(2)
    void ownerInvitesAMemberWhoThenSeesThePrivateRepository() {
        Browser mia = signUp("mia", MIA_PASSWORD);
        mia.open(server.base() + "/r/acme/shop", "mia-before-invite");
        assertThat(mia.find(By.tagName("h1")).getText()).isEqualTo("Page not found");

        Browser olivia = browsers.start().signIn(server.base(), "olivia", OLIVIA_PASSWORD);
        olivia.open(server.base() + "/orgs/acme", "org-before-invite");
        olivia.fill("new-member", "mia").submit(By.cssSelector("form[action='/orgs/acme/members'] button"), "mia-invited");
        assertThat(olivia.find(By.cssSelector(".alert.ok")).getText()).isEqualTo("Added mia");
        assertThat(olivia.find(By.cssSelector("tr[data-member='mia']")).getText()).contains("mia");

        mia.open(server.base() + "/", "mia-home-member");
        assertThat(mia.find(By.cssSelector("tr[data-repo='acme/shop']")).getText()).contains("acme/shop", "Private");
        mia.open(server.base() + "/r/acme/shop", "mia-sees-repo");
        assertThat(mia.find(By.cssSelector(".repo-head")).getText()).contains("shop", "Shop front end");
        // a plain member may not create repositories in acme: the form does not offer it
        mia.open(server.base() + "/repositories/new", "mia-new-repo-form");
        assertThat(new Select(mia.find(By.id("repo-namespace"))).getOptions()).extracting(e -> e.getText()).containsExactly("mia");
    }

    @Test
    @Order(3)
    void ownerRemovesTheMemberWhoThenNoLongerSeesIt() {
        Browser olivia = browsers.start().signIn(server.base(), "olivia", OLIVIA_PASSWORD);
        olivia.open(server.base() + "/orgs/acme", "org-before-remove");
        olivia.submit(By.cssSelector("tr[data-member='olivia'] button[value=remove]"), "last-owner-not-removed");
        assertThat(olivia.find(By.cssSelector(".alert.error")).getText()).contains("last owner");
        olivia.submit(By.cssSelector("tr[data-member='mia'] button[value=remove]"), "mia-removed");
        assertThat(olivia.find(By.cssSelector(".alert.ok")).getText()).isEqualTo("Removed mia");
        assertThat(olivia.findAll(By.cssSelector("tr[data-member='mia']"))).isEmpty();

        Browser mia = browsers.start().signIn(server.base(), "mia", MIA_PASSWORD);
        mia.open(server.base() + "/r/acme/shop", "mia-after-removal");
        assertThat(mia.find(By.tagName("h1")).getText()).isEqualTo("Page not found");
        mia.open(server.base() + "/", "mia-home-after-removal");
        assertThat(mia.text()).doesNotContain("acme/shop");
    }

    @Test
    @Order(4)
    void siteAdminChangesThePlanAndPromotesAUser() {
        Browser root = browsers.start().signIn(server.base(), "root", WebServer.PASSWORD);
        root.find(By.linkText("Site administration")).click();
        root.shot("admin");
        assertThat(root.find(By.tagName("h1")).getText()).isEqualTo("Site administration");
        assertThat(root.find(By.linkText("Audit log")).getAttribute("href")).endsWith("/admin/audit");
        assertThat(root.find(By.cssSelector("tr[data-org='acme']")).getText()).contains("acme", "1", "1");
        assertThat(root.find(By.cssSelector("tr[data-user='root']")).getText()).contains("Site admin");

        new Select(root.find(By.id("plan-acme"))).selectByValue("team");
        root.submit(By.cssSelector("tr[data-org='acme'] button"), "admin-plan-changed");
        assertThat(root.find(By.cssSelector(".alert.ok")).getText()).isEqualTo("acme is on the team plan");
        assertThat(server.hub().organizations().require("acme").plan()).isEqualTo(Plan.TEAM);

        root.submit(By.cssSelector("tr[data-user='olivia'] button[value=promote]"), "admin-olivia-promoted");
        assertThat(root.find(By.cssSelector(".alert.ok")).getText()).isEqualTo("olivia is now a site admin");
        assertThat(root.find(By.cssSelector("tr[data-user='olivia']")).getText()).contains("Site admin");
        assertThat(server.hub().siteAdmins().is(server.hub().users().require("olivia"))).isTrue();

        // with the team plan, advanced analysis can now be chosen on the Settings tab
        Browser olivia = browsers.start().signIn(server.base(), "olivia", OLIVIA_PASSWORD);
        olivia.open(server.base() + "/orgs/acme", "org-team-plan");
        assertThat(olivia.find(By.cssSelector(".repo-head h1")).getText()).contains("team plan");
        olivia.open(server.base() + "/admin", "olivia-admin");
        assertThat(olivia.find(By.tagName("h1")).getText()).isEqualTo("Site administration");
    }

    @Test
    @Order(5)
    void aNonAdminGetsNotFoundForTheAdminPage() throws Exception {
        Browser mia = browsers.start().signIn(server.base(), "mia", MIA_PASSWORD);
        mia.open(server.base() + "/admin", "mia-admin-not-found");
        assertThat(mia.find(By.tagName("h1")).getText()).isEqualTo("Page not found");
        mia.open(server.base() + "/", "mia-home-no-admin-link");
        assertThat(mia.findAll(By.linkText("Site administration"))).isEmpty();

        HttpClient client = WebServer.client();
        String visitor = AccountPagesTest.csrf(server.get(client, "/signin").body());
        server.postForm(client, "/signin", List.of("csrf", visitor, "username", "mia", "password", MIA_PASSWORD));
        assertThat(server.get(client, "/admin").statusCode()).isEqualTo(404);
        String csrf = AccountPagesTest.csrf(server.get(client, "/").body());
        assertThat(server.postForm(client, "/admin/orgs/acme/plan", List.of("csrf", csrf, "plan", "business")).statusCode())
                .isEqualTo(404);
        assertThat(server.postForm(client, "/admin/users/mia", List.of("csrf", csrf, "action", "promote")).statusCode())
                .isEqualTo(404);
        assertThat(server.get(WebServer.client(), "/admin").statusCode()).as("anonymous").isEqualTo(404);
        assertThat(server.hub().organizations().require("acme").plan()).isEqualTo(Plan.TEAM);
        assertThat(server.hub().permissions().isSiteAdmin(Caller.password(server.hub().users().require("mia")))).isFalse();
    }

    private Browser signUp(String name, String password) {
        Browser b = browsers.start().open(server.base() + "/signup", "signup-" + name);
        b.fill("username", name).fill("password", password);
        return b.submit(By.cssSelector("form[action='/signup'] button[type=submit]"), "signed-up-" + name);
    }
}
