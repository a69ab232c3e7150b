package io.spyglass.catalog;

import java.util.ArrayList;
import java.util.List;

/** Every cataloger an image walk uses: no classpath scanning, the lists are written out. */
public final class Catalogers {
    private Catalogers() {}

    public static List<Cataloger> all() {
        List<Cataloger> all = new ArrayList<>(OsCatalogers.all());
        all.addAll(LanguageCatalogers.all());
        return List.copyOf(all);
    }
}
