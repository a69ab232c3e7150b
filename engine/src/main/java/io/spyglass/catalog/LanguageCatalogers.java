package io.spyglass.catalog;

import io.spyglass.catalog.dotnet.DotnetCataloger;
import io.spyglass.catalog.githubactions.GithubActionsCataloger;
import io.spyglass.catalog.golang.GoCataloger;
import io.spyglass.catalog.java.JavaCataloger;
import io.spyglass.catalog.npm.NpmCataloger;
import io.spyglass.catalog.php.PhpCataloger;
import io.spyglass.catalog.python.PythonCataloger;
import io.spyglass.catalog.ruby.RubyCataloger;
import java.util.List;

/**
 * The language-ecosystem catalogers, registered explicitly (no classpath scanning). The walker's
 * {@code Catalogers} list includes these beside the OS package catalogers.
 */
public final class LanguageCatalogers {
    private LanguageCatalogers() {}

    public static List<Cataloger> all() {
        return List.of(
                new PythonCataloger(),
                new NpmCataloger(),
                new JavaCataloger(),
                new GoCataloger(),
                new DotnetCataloger(),
                new PhpCataloger(),
                new RubyCataloger(),
                new GithubActionsCataloger());
    }
}
