package io.spyglass.server.hub;

import io.spyglass.server.store.Database;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Users and organisations share one set of names. */
final class Namespaces {
    private Namespaces() {}

    static void claim(Handle h, String name, String kind) {
        int n = h.createUpdate("INSERT INTO namespaces (name, kind, created_at) VALUES (:name, :kind, :now) "
                        + "ON CONFLICT (name) DO NOTHING")
                .bind("name", name).bind("kind", kind).bind("now", Database.now()).execute();
        if (n == 0) throw HubException.conflict("the name '" + name + "' is already taken");
    }

    static Optional<String> kind(Handle h, String name) {
        return h.createQuery("SELECT kind FROM namespaces WHERE name = :name").bind("name", name)
                .mapTo(String.class).findOne();
    }
}
