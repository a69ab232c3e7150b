package io.spyglass.catalog.githubactions;

import io.spyglass.catalog.Cataloger;
import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.FileEntry;
import io.spyglass.catalog.PackageStores;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;
import java.io.InputStream;

/**
 * GitHub Actions used by workflows ({@code .github/workflows/*.yml|yaml}) and by composite actions
 * ({@code action.yml|yaml}): each {@code uses: owner/repo[/path]@ref} is a {@code pkg:github} package.
 * Workflows an installed package ships (an npm package's CI, {@link PackageStores}) are its
 * maintainers', not this image's, and are not read.
 */
public final class GithubActionsCataloger implements Cataloger {
    private static final int MAX_YAML_BYTES = 4 * 1024 * 1024;

    @Override
    public String name() {
        return "github-actions-usage-cataloger";
    }

    @Override
    public boolean wants(FileEntry entry) {
        return (isWorkflow(entry.path()) || isAction(entry.fileName())) && !PackageStores.contains(entry.path());
    }

    @Override
    public ParseResult parse(FileEntry entry, InputStream content) throws IOException {
        return FileContent.guard(entry, () -> {
            String text = FileContent.text(content, MAX_YAML_BYTES);
            return isWorkflow(entry.path())
                    ? WorkflowParser.parse(entry.path(), text)
                    : CompositeActionParser.parse(entry.path(), text);
        });
    }

    static boolean isWorkflow(String path) {
        String p = "/" + path;
        int dir = p.lastIndexOf("/.github/workflows/");
        return dir >= 0 && p.indexOf('/', dir + "/.github/workflows/".length()) < 0
                && (p.endsWith(".yml") || p.endsWith(".yaml"));
    }

    private static boolean isAction(String fileName) {
        return fileName.equals("action.yml") || fileName.equals("action.yaml");
    }
}
