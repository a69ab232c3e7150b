package io.spyglass.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.DatabaseConfig;
import io.spyglass.server.store.blob.BlobStore;
import io.spyglass.server.store.blob.StorageDrivers;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

class ErrorPagesTest {
    @RegisterExtension
    final BrowserFixture browsers = new BrowserFixture();

    @TempDir
    Path data;

    private Javalin app;
    private Database db;
    private String base;

    @BeforeEach
    void start() throws Exception {
        db = Database.open(DatabaseConfig.sqlite(data));
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            io.spyglass.server.ops.RequestContext.install(c);
        });
        WebPages.install(app, new WebPages.Options(true), db, Hub.over(db, false),
                new BlobStore(StorageDrivers.fromOption(null, data)));
        app.get("/explode", ctx -> {
            throw new IllegalStateException("secret internal detail");
        });
        app.get("/v2/explode", ctx -> {
            throw new IllegalStateException("secret internal detail");
        });
        app.start(0);
        base = "http://localhost:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
        db.close();
    }

    @Test
    void unknownPageShowsTheNotFoundPageInTheLayout() throws Exception {
        HttpResponse<String> response = get("/r/nobody/nothing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));

        Browser browser = browsers.start().open(base + "/r/nobody/nothing", "not-found");
        assertThat(browser.title()).isEqualTo("Page not found · Spyglass");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Page not found");
        assertThat(browser.find(By.cssSelector(".logo")).getText()).isEqualTo("Spyglass");
        assertThat(browser.find(By.cssSelector("a[href='/signin']")).isDisplayed()).isTrue();
        browser.phoneShot("not-found");
    }

    @Test
    void failureShowsTheErrorPageWithoutAStackTrace() throws Exception {
        HttpResponse<String> response = get("/explode");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("Something went wrong")
                .contains("<code class=\"request-id\">" + response.headers().firstValue("X-Request-Id").orElseThrow() + "</code>")
                .doesNotContain("secret internal detail", "IllegalStateException", "at io.spyglass");

        Browser browser = browsers.start().open(base + "/explode", "server-error");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Something went wrong");
    }

    @Test
    void machineInterfacesKeepTheirOwnErrors() throws Exception {
        HttpResponse<String> missing = get("/v2/nothing/here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain("<html");

        HttpResponse<String> failed = get("/v2/explode");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).doesNotContain("<html", "secret internal detail");
    }

    @Test
    void staticFilesComeFromSpyglassItself() throws Exception {
        HttpResponse<String> css = get("/static/spyglass.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(get("/static/..%2Fspyglass.css").statusCode()).isEqualTo(404);
        assertThat(get("/static/missing.css").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
