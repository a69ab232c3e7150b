package io.spyglass.server;

import io.javalin.Javalin;
import io.spyglass.server.web.WebPages;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the parts together and runs the HTTP server. */
public final class SpyglassServer {
    private static final Logger log = LoggerFactory.getLogger(SpyglassServer.class);

    private final Javalin app;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private SpyglassServer(Javalin app) {
        this.app = app;
    }

    public static SpyglassServer start(ServerConfig config) throws Exception {
        Files.createDirectories(config.dataDir());
        Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
        // OCI dist-spec: GET /v2/ answers 200 when the registry implements the API
        app.get("/v2/", ctx -> ctx.header("Docker-Distribution-API-Version", "registry/2.0").json(java.util.Map.of()));
        WebPages.install(app, new WebPages.Options(config.signupOpen()));
        app.start(config.port());
        log.info("Spyglass listening on port {} with data in {}", app.port(), config.dataDir().toAbsolutePath());
        return new SpyglassServer(app);
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
        stopped.countDown();
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }
}
