package io.spyglass.cli;

import io.spyglass.version.InvalidVersionException;
import io.spyglass.version.Schemes;
import io.spyglass.version.VersionScheme;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code spyglass vercmp ECOSYSTEM A B} prints {@code <}, {@code =} or {@code >}. With {@code -} instead of
 * A and B, reads {@code A B} pairs from stdin, one per line, and answers each on its own line; a line
 * with an invalid version (or not two fields) is answered {@code !}, its error goes to stderr, and the
 * exit code is 2 once all lines are done.
 */
@Command(name = "vercmp", mixinStandardHelpOptions = true,
        description = {"Compare two versions the way ECOSYSTEM's own tool does; prints <, = or >.",
                "With '-' reads 'A B' pairs from stdin, one per line, and prints one answer per line ('!' for an invalid line)."},
        footer = {"%nECOSYSTEM: Debian, Ubuntu, Alpine, Red Hat, Rocky Linux, AlmaLinux, Arch, PyPI, npm, Go, Maven, NuGet, "
                + "RubyGems, Packagist, GitHub Actions (a release suffix such as Debian:12 is allowed).",
                "Exit codes: 0 compared, 2 invalid version, unknown ecosystem or bad usage."})
final class VercmpCommand implements Callable<Integer> {

    static final int INVALID = 2;

    @Parameters(index = "0", paramLabel = "ECOSYSTEM", description = "OSV ecosystem name, e.g. Debian, PyPI, \"Red Hat\".")
    String ecosystem;

    @Parameters(index = "1", paramLabel = "A", description = "First version, or '-' to read pairs from stdin.")
    String a;

    @Parameters(index = "2", paramLabel = "B", arity = "0..1", description = "Second version.")
    String b;

    @Override
    public Integer call() throws IOException {
        VersionScheme scheme;
        try {
            scheme = Schemes.forEcosystem(ecosystem);
        } catch (IllegalArgumentException e) {
            System.err.println("spyglass vercmp: " + e.getMessage());
            return INVALID;
        }
        if (a.equals("-") && b == null) return pairsFromStdin(scheme);
        if (b == null) {
            System.err.println("spyglass vercmp: give two versions, or '-' to read pairs from stdin");
            return INVALID;
        }
        try {
            System.out.println(symbol(scheme.compare(a, b)));
            return 0;
        } catch (InvalidVersionException e) {
            System.err.println("spyglass vercmp: " + e.getMessage());
            return INVALID;
        }
    }

    private static int pairsFromStdin(VersionScheme scheme) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = System.out;
        int exit = 0;
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isBlank()) continue;
            String[] pair = line.trim().split("\\s+");
            try {
                if (pair.length != 2) throw new IllegalArgumentException("expected 'A B', got " + pair.length + " field(s)");
                out.println(symbol(scheme.compare(pair[0], pair[1])));
            } catch (IllegalArgumentException e) {
                exit = unreadable(out, number, e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                // a scheme that fails on a pathological line (Maven's ComparableVersion recurses per item) must not
                // end the batch: that line alone is answered '!'
                exit = unreadable(out, number, "cannot be compared (" + e + ")");
            }
        }
        out.flush();
        return exit;
    }

    private static int unreadable(PrintStream out, int number, String why) {
        out.println("!");
        System.err.println("spyglass vercmp: line " + number + ": " + why);
        return INVALID;
    }

    private static String symbol(int comparison) {
        return comparison < 0 ? "<" : comparison > 0 ? ">" : "=";
    }
}
