package io.spyglass.server.registry;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One named route of the distribution API: a method, a path pattern and its handler. */
record Route(String name, HandlerType method, Pattern pattern, Handler handler) {

    @FunctionalInterface
    interface Handler {
        void handle(Context ctx, Match match) throws Exception;
    }

    /** The parts of a matched path: the repository name and the last path element. */
    record Match(String name, String last) {}

    Match match(HandlerType method, String path) {
        if (this.method != method) return null;
        Matcher m = pattern.matcher(path);
        if (!m.matches()) return null;
        if (m.groupCount() == 0) return new Match(null, null);
        return new Match(m.group("name"), m.groupCount() >= 2 ? m.group(2) : null);
    }
}
