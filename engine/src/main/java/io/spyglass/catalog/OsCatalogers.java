package io.spyglass.catalog;

import java.util.List;

/** The operating-system package catalogers (deb, apk, rpm, alpm), registered explicitly. */
public final class OsCatalogers {
    private OsCatalogers() {}

    public static List<Cataloger> all() {
        return List.of();
    }
}
