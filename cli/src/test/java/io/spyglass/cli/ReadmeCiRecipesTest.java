package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's "Scanning in CI" recipes are copied into pipelines as they are: every {@code spyglass …}
 * command there must parse with the CLI's own options (a renamed or removed option fails here, not in
 * somebody's pipeline).
 */
class ReadmeCiRecipesTest {
    private static final Pattern COMMAND = Pattern.compile("\\bspyglass ((?:cves|sbom|db|quickview|compare|policy|recommendations)\\b.*)");

    @Test
    void everyRecipeCommandParses() throws IOException {
        List<String> commands = recipeCommands();
        assertThat(commands).as("commands found in the section").hasSizeGreaterThanOrEqualTo(10);
        assertThat(String.join("\n", commands)).contains("--exit-code", "--format sarif", "--format markdown", "--wait", "--only-fixed");
        for (String command : commands) {
            String[] args = words(command);
            assertThatCode(() -> Main.commandLine().parseArgs(args)).as(command).doesNotThrowAnyException();
        }
    }

    @Test
    void aWrongOptionIsCaughtByTheSameParse() {
        // the check above can fail: a misspelt option does not parse
        assertThatCode(() -> Main.commandLine().parseArgs(words("cves sbom://x.json --only-fixd")))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    /** Each {@code spyglass SUBCOMMAND …} line of the section, with shell redirections and continuations cut off. */
    static List<String> recipeCommands() throws IOException {
        String readme = Files.readString(readme());
        int start = readme.indexOf("\n## Scanning in CI");
        assertThat(start).as("README has a 'Scanning in CI' section").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> out = new ArrayList<>();
        String joined = section.replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            Matcher m = COMMAND.matcher(line);
            if (!m.find()) continue;
            String command = m.group(1).replaceAll("\\s[>|].*$", "").replaceAll("[`#].*$", "").strip();
            // CI variables stand for values: any word will do for the parser
            command = command.replaceAll("\\$\\{\\{[^}]*}}", "X").replaceAll("\\$[A-Za-z_][A-Za-z0-9_]*", "X");
            // prose continues after the recipe ("… --exit-code with SPYGLASS_SERVER"): keep the command's own words
            command = command.replaceAll("\\s+with\\s.*$", "");
            out.add(command);
        }
        return out;
    }

    private static String[] words(String command) {
        return Arrays.stream(command.split("\\s+")).map(w -> w.replaceAll("^[\"']|[\"']$", "")).filter(w -> !w.isEmpty()).toArray(String[]::new);
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("spyglass"))) return dir.resolve("README.md");
        }
        throw new IllegalStateException("no README.md beside the spyglass launcher above " + Path.of("").toAbsolutePath());
    }
}
