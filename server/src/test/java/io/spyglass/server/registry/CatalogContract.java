package io.spyglass.server.registry;

import static io.spyglass.server.registry.Contract.assertError;
import static io.spyglass.server.registry.Contract.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v2/_catalog}: what the caller may pull, in order, page by page; nothing private leaks. */
public interface CatalogContract extends Contract {

    @Test
    default void catalogListsWhatTheCallerMayPullPageByPage() {
        ServerFixture.Account alice = fixture().newUser("cat");
        ServerFixture.Account eve = fixture().newUser("cat");
        fixture().hub().repositories().create(alice.name(), "secret", true);
        fixture().hub().repositories().create(alice.name(), "open", false);
        pushImage(alice.name() + "/pushed", alice.basic(), "1.0");

        HttpResponse<byte[]> anon = fixture().send("GET", "/v2/_catalog", null, null);
        assertError(anon, 401, "UNAUTHORIZED");
        assertThat(anon.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("scope=\"registry:catalog:*\"");

        List<String> mine = all(alice.basic());
        assertThat(mine).contains(alice.name() + "/secret", alice.name() + "/open", alice.name() + "/pushed");
        assertThat(mine.stream().filter(n -> n.startsWith(alice.name() + "/")))
                .containsExactly(alice.name() + "/open", alice.name() + "/pushed", alice.name() + "/secret");
        List<String> theirs = all(eve.basic());
        assertThat(theirs).contains(alice.name() + "/open", alice.name() + "/pushed").doesNotContain(alice.name() + "/secret");

        // a token from the token endpoint (as clients get after the challenge) lists the same
        String token = json(fixture().send("GET", "/token?service=x&scope=registry:catalog:*", alice.basic(), null)).path("token").asText();
        assertThat(all("Bearer " + token)).isEqualTo(mine);
        String anonymous = json(fixture().send("GET", "/token?service=x&scope=registry:catalog:*", null, null)).path("token").asText();
        assertThat(all("Bearer " + anonymous)).contains(alice.name() + "/open").doesNotContain(alice.name() + "/secret");

        // one repository per page, following Link, gives the same list
        List<String> paged = new ArrayList<>();
        String next = "/v2/_catalog?n=1";
        while (next != null) {
            HttpResponse<byte[]> page = fixture().send("GET", next, alice.basic(), null);
            assertThat(page.statusCode()).isEqualTo(200);
            json(page).path("repositories").forEach(r -> paged.add(r.asText()));
            next = page.headers().firstValue("Link").map(l -> l.replaceAll("^<([^>]*)>.*$", "$1")).orElse(null);
            assertThat(paged.size()).as("pages end").isLessThanOrEqualTo(mine.size());
        }
        assertThat(paged).isEqualTo(mine);
        assertError(fixture().send("GET", "/v2/_catalog?n=-1", alice.basic(), null), 400, "UNSUPPORTED");
    }

    private List<String> all(String auth) {
        HttpResponse<byte[]> r = fixture().send("GET", "/v2/_catalog", auth, null);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        List<String> out = new ArrayList<>();
        json(r).path("repositories").forEach(n -> out.add(n.asText()));
        return out;
    }
}
