package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Organizations.Member;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Role;
import io.spyglass.server.hub.User;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

class OrgPagesTest {
    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    Path data;

    @Test
    void ownersManageMembersAndRoles() throws Exception {
        try (WebServer server = WebServer.start(data)) {
            User olivia = server.user("olivia");
            server.user("mia");
            Organization acme = server.org("acme", Plan.TEAM, olivia);

            Browser owner = browsers.start().signIn(server.base(), "olivia", WebServer.PASSWORD);
            owner.open(server.base() + "/orgs/acme", "org-owner");
            assertThat(owner.find(By.cssSelector(".repo-head h1")).getText()).contains("acme", "team plan");

            owner.fill("new-member", "nobody").submit(By.cssSelector("form[action='/orgs/acme/members'] button"), "add-unknown");
            assertThat(owner.find(By.cssSelector(".alert.error")).getText()).isEqualTo("There is no user named 'nobody'.");

            owner.fill("new-member", "mia").submit(By.cssSelector("form[action='/orgs/acme/members'] button"), "added-mia");
            assertThat(owner.find(By.cssSelector(".alert.ok")).getText()).isEqualTo("Added mia");
            assertThat(members(server, acme)).contains(new Member("mia", Role.MEMBER));

            new Select(owner.find(By.id("role-mia"))).selectByValue("admin");
            owner.submit(By.cssSelector("tr[data-member='mia'] button[value=role]"), "mia-admin");
            assertThat(members(server, acme)).contains(new Member("mia", Role.ADMIN));

            new Select(owner.find(By.id("role-olivia"))).selectByValue("member");
            owner.submit(By.cssSelector("tr[data-member='olivia'] button[value=role]"), "last-owner-refused");
            assertThat(owner.find(By.cssSelector(".alert.error")).getText()).contains("last owner");
            assertThat(members(server, acme)).contains(new Member("olivia", Role.OWNER));

            Browser admin = browsers.start().signIn(server.base(), "mia", WebServer.PASSWORD);
            admin.open(server.base() + "/orgs/acme", "org-admin");
            assertThat(admin.find(By.cssSelector("tr[data-member='olivia']")).getText()).contains("owner");
            assertThat(admin.findAll(By.cssSelector("form[action='/orgs/acme/members']"))).isEmpty();

            HttpClient client = WebServer.client();
            String token = AccountPagesTest.csrf(server.get(client, "/signin").body());
            server.postForm(client, "/signin", List.of("csrf", token, "username", "mia", "password", WebServer.PASSWORD));
            String session = AccountPagesTest.csrf(server.get(client, "/orgs/acme").body());
            assertThat(server.postForm(client, "/orgs/acme/members/olivia",
                    List.of("csrf", session, "action", "remove")).statusCode()).isEqualTo(403);

            owner.open(server.base() + "/orgs/acme", "org-owner-again");
            owner.submit(By.cssSelector("tr[data-member='mia'] button[value=remove]"), "removed-mia");
            assertThat(members(server, acme)).extracting(Member::user).containsExactly("olivia");

            Browser anonymous = browsers.start().open(server.base() + "/orgs/acme", "org-anonymous");
            assertThat(anonymous.findAll(By.cssSelector("table.members tbody tr"))).isEmpty();
            assertThat(anonymous.text()).doesNotContain("olivia");
        }
    }

    @Test
    void unknownOrganisationIsNotFound() throws Exception {
        try (WebServer server = WebServer.start(data)) {
            assertThat(server.get(WebServer.client(), "/orgs/nothing").statusCode()).isEqualTo(404);
            assertThat(server.get(WebServer.client(), "/u/nobody").statusCode()).isEqualTo(404);
        }
    }

    private static List<Member> members(WebServer server, Organization org) {
        return server.hub().organizations().members(org);
    }
}
