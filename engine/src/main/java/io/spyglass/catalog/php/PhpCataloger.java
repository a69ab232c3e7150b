package io.spyglass.catalog.php;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageStores;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PHP Composer packages: {@code vendor/composer/installed.json} (what is installed, formats 1 and 2)
 * and {@code composer.lock}. As for npm, installed packages win: a composer.lock counts only where
 * its project folder has no {@code vendor/composer/installed.json}. Neither counts inside an installed
 * package ({@link PackageStores}: {@code vendor/VENDOR/NAME/}, Debian's {@code /usr/share/php}, …).
 */
public final class PhpCataloger implements Cataloger {
    static final String INSTALLED = "vendor/composer/installed.json";

    @Override
    public String name() {
        return "php-composer-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        String path = entry.path();
        boolean kind = path.equals(INSTALLED) || path.endsWith("/" + INSTALLED) || entry.fileName().equals("composer.lock");
        // Debian's php-horde-css-parser embeds a library with its own vendor/composer/installed.json
        // under /usr/share/php: that copy is part of the Debian package, not a Composer install
        return kind && !PackageStores.contains(path);
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        return FileContent.guard(entry, () -> entry.fileName().equals("composer.lock")
                ? ComposerLockParser.parse(entry.path(), FileContent.json(content))
                : InstalledJsonParser.parse(entry.path(), FileContent.json(content)));
    }

    @Override
    public List<Package> select(List<Package> found) {
        Set<String> installedProjects = new HashSet<>();
        for (Package p : found) {
            String path = path(p);
            if (path.endsWith(INSTALLED)) installedProjects.add(path.substring(0, path.length() - INSTALLED.length()));
        }
        if (installedProjects.isEmpty()) return found;
        return found.stream().filter(p -> {
            String path = path(p);
            return !path.endsWith("composer.lock")
                    || !installedProjects.contains(path.substring(0, path.length() - "composer.lock".length()));
        }).toList();
    }

    private static String path(Package p) {
        return p.locations().isEmpty() ? "" : p.locations().get(0).path();
    }
}
