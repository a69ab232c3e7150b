package io.spyglass.catalog;

import io.spyglass.catalog.alpm.AlpmCataloger;
import io.spyglass.catalog.apk.ApkCataloger;
import io.spyglass.catalog.deb.DebCataloger;
import io.spyglass.catalog.rpm.RpmCataloger;
import java.util.List;

/** The operating-system package catalogers (deb, apk, rpm, alpm), registered explicitly. */
public final class OsCatalogers {
    private OsCatalogers() {}

    public static List<Cataloger> all() {
        return List.of(
                new DebCataloger(),
                new ApkCataloger(),
                new RpmCataloger(),
                new AlpmCataloger());
    }
}
