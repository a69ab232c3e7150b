package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.server.hub.Organization;
import io.spyglass.server.hub.Plan;
import io.spyglass.server.hub.Role;
import io.spyglass.server.hub.User;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The Settings tab's "Base image source" form: owners turn it on and off; a member's post changes nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaseSourceSettingTest {
    @TempDir
    static Path data;

    private WebServer server;

    @BeforeAll
    void start() throws Exception {
        server = WebServer.start(data);
        User olivia = server.user("olivia");
        server.user("mia");
        Organization library = server.org("library", Plan.TEAM, olivia);
        server.member(library, server.hub().users().require("mia"), Role.MEMBER);
        server.hub().repositories().create("library", "debian", false);
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void ownersMarkASourceOfBaseImagesMembersCannot() throws Exception {
        HttpClient olivia = signIn("olivia");
        String settings = server.get(olivia, "/r/library/debian/-/settings").body();
        assertThat(settings).contains("Base image source", "Use library/debian as a source of base images");
        assertThat(source()).isFalse();
        HttpResponse<String> on = server.postForm(olivia, "/r/library/debian/-/settings",
                List.of("csrf", AccountPagesTest.csrf(settings), "action", "base-source", "base_source", "1"));
        assertThat(on.statusCode()).isIn(302, 303);
        assertThat(source()).isTrue();
        assertThat(server.get(olivia, "/r/library/debian/-/settings").body()).containsPattern("id=\"base-source\"[^>]*checked");

        HttpClient mia = signIn("mia");
        String token = AccountPagesTest.csrf(server.get(mia, "/r/library/debian").body());
        HttpResponse<String> off = server.postForm(mia, "/r/library/debian/-/settings", List.of("csrf", token, "action", "base-source"));
        assertThat(off.statusCode()).isEqualTo(403);
        assertThat(source()).isTrue();

        settings = server.get(olivia, "/r/library/debian/-/settings").body();
        server.postForm(olivia, "/r/library/debian/-/settings", List.of("csrf", AccountPagesTest.csrf(settings), "action", "base-source"));
        assertThat(source()).isFalse();
    }

    private boolean source() {
        return server.analysis().reports().bases().isSource(server.repo("library", "debian"));
    }

    private HttpClient signIn(String user) throws Exception {
        HttpClient client = WebServer.client();
        String token = AccountPagesTest.csrf(server.get(client, "/signin").body());
        server.postForm(client, "/signin", List.of("csrf", token, "username", user, "password", WebServer.PASSWORD));
        return client;
    }
}
