package io.spyglass.server.ops;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.servlet.FilterHolder;

/** Installs {@link RequestContextFilter} in front of everything Javalin serves. */
public final class RequestContext {
    private RequestContext() {}

    public static void install(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(handler -> handler.addFilter(new FilterHolder(new RequestContextFilter()), "/*",
                EnumSet.of(DispatcherType.REQUEST)));
    }
}
