package io.spyglass.server.registry;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.spyglass.server.auth.TokenService;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.ops.RegistryErrorBody;
import io.spyglass.server.store.Database;
import io.spyglass.server.store.blob.BlobStore;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The OCI Distribution API v1.1 under {@code /v2/}: every route named once (as distribution's
 * routes.go does), one handler class per route family, errors mapped in {@link RegistryErrors}.
 * Repository names contain slashes, so one dispatcher matches the patterns in order.
 */
public final class RegistryRoutes {
    private static final String NAME = "(?<name>.+?)";
    private final List<Route> routes;
    private final RegistryServices services;
    private final Function<Context, String> baseUrl;

    public RegistryRoutes(Database db, Hub hub, BlobStore blobs, TokenService tokens, Function<Context, String> baseUrl) {
        this.services = new RegistryServices(db, hub, blobs, new RegistryAuth(hub, tokens));
        this.baseUrl = baseUrl;
        BlobHandler blob = new BlobHandler(services);
        UploadHandler upload = new UploadHandler(services);
        ManifestHandler manifest = new ManifestHandler(services);
        TagHandler tag = new TagHandler(services);
        ReferrersHandler referrers = new ReferrersHandler(services);
        CatalogHandler catalog = new CatalogHandler(services);
        this.routes = List.of(
                route("base", HandlerType.GET, "/v2/?", (ctx, m) -> base(ctx)),
                route("catalog", HandlerType.GET, "/v2/_catalog", catalog::list),
                route("tags", HandlerType.GET, "/v2/" + NAME + "/tags/list", tag::list),
                route("manifest-get", HandlerType.GET, "/v2/" + NAME + "/manifests/([^/]+)", manifest::get),
                route("manifest-head", HandlerType.HEAD, "/v2/" + NAME + "/manifests/([^/]+)", manifest::head),
                route("manifest-put", HandlerType.PUT, "/v2/" + NAME + "/manifests/([^/]+)", manifest::put),
                route("manifest-delete", HandlerType.DELETE, "/v2/" + NAME + "/manifests/([^/]+)", manifest::delete),
                route("upload-start", HandlerType.POST, "/v2/" + NAME + "/blobs/uploads/?", upload::start),
                route("upload-patch", HandlerType.PATCH, "/v2/" + NAME + "/blobs/uploads/([^/]+)", upload::patch),
                route("upload-finish", HandlerType.PUT, "/v2/" + NAME + "/blobs/uploads/([^/]+)", upload::finish),
                route("upload-status", HandlerType.GET, "/v2/" + NAME + "/blobs/uploads/([^/]+)", upload::status),
                route("upload-cancel", HandlerType.DELETE, "/v2/" + NAME + "/blobs/uploads/([^/]+)", upload::cancel),
                route("blob-head", HandlerType.HEAD, "/v2/" + NAME + "/blobs/([^/]+)", blob::head),
                route("blob-get", HandlerType.GET, "/v2/" + NAME + "/blobs/([^/]+)", blob::get),
                route("blob-delete", HandlerType.DELETE, "/v2/" + NAME + "/blobs/([^/]+)", blob::delete),
                route("referrers", HandlerType.GET, "/v2/" + NAME + "/referrers/([^/]+)", referrers::list));
    }

    private static Route route(String name, HandlerType method, String regex, Route.Handler handler) {
        return new Route(name, method, Pattern.compile(regex), handler);
    }

    public void register(Javalin app) {
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT,
                HandlerType.PATCH, HandlerType.DELETE)) {
            app.addHttpHandler(method, "/v2", this::dispatch);
            app.addHttpHandler(method, "/v2/<path>", this::dispatch);
        }
    }

    private void base(Context ctx) {
        services.auth.identify(ctx);
        ctx.json(Map.of());
    }

    private void dispatch(Context ctx) {
        ctx.header("Docker-Distribution-API-Version", "registry/2.0");
        String path = ctx.path();
        try {
            boolean pathKnown = false;
            for (Route r : routes) {
                if (r.pattern().matcher(path).matches()) pathKnown = true;
                Route.Match m = r.match(ctx.method(), path);
                if (m != null) {
                    r.handler().handle(ctx, m);
                    return;
                }
            }
            if (pathKnown) {
                throw new RegistryException(OciErrorCode.UNSUPPORTED, 405, ctx.method() + " is not supported on " + RepositoryName.abbreviate(path));
            }
            ctx.status(404).json(RegistryErrorBody.of(ctx, "NOT_FOUND", "no such route",
                    "no registry route for " + RepositoryName.abbreviate(path)));
        } catch (Exception e) {
            String base = baseUrl.apply(ctx);
            RegistryErrors.write(ctx, e, base, service(base));
        }
    }

    /** The token service name: the registry's host[:port], as Docker Hub uses its host. */
    public static String service(String baseUrl) {
        return baseUrl.replaceFirst("^https?://", "").replaceAll("/.*$", "");
    }
}
