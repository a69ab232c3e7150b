package io.spyglass.catalog.golang;

import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.catalog.Unknown;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A Go binary's modules from its build info ({@link GoBuildInfoScanner}). The modinfo is lines of
 * tab-separated fields: {@code path <pkg>}, {@code mod <path> <version> <sum>} (main module),
 * {@code dep <path> <version> <sum>}, and {@code => <path> <version> <sum>} replacing the line
 * before it. A replacement by a module takes its path and version; a replacement by a local folder
 * keeps the required module and version (the folder has no version). A binary built outside module
 * mode (GOPATH, as Debian builds) has no {@code mod} line; its {@code path} names the main package,
 * with version {@code (devel)}, so the binary is still accounted for.
 */
final class GoBinaryParser {
    private GoBinaryParser() {}

    static ParseResult parse(String path, InputStream content) throws IOException {
        GoBuildInfoScanner.Result r = GoBuildInfoScanner.scan(content);
        return switch (r.kind()) {
            case NOT_GO -> ParseResult.EMPTY;
            case OLD_FORMAT -> ParseResult.unknown(path,
                    "Go binary with build info in the pre-1.18 pointer format in a file neither ELF, Mach-O nor PE; modules not read");
            case UNREADABLE -> ParseResult.unknown(path,
                    "Go build info in the pre-1.18 pointer format is unreadable: " + r.problem());
            case INVALID -> ParseResult.unknown(path, "Go build info magic found but what follows is not valid build info");
            case FOUND -> fromModinfo(path, r.goVersion(), r.modinfo());
        };
    }

    static ParseResult fromModinfo(String location, String goVersion, String modinfo) {
        List<Package> out = new ArrayList<>();
        List<Unknown> unknowns = new ArrayList<>();
        String mainPath = null;
        String[] last = null; // {path, version} of the previous mod/dep line
        List<String[]> modules = new ArrayList<>();
        for (String line : modinfo.split("\n")) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "path" -> mainPath = f.length > 1 ? f[1] : null;
                case "mod", "dep" -> {
                    if (f.length < 2 || f[1].isBlank()) {
                        unknowns.add(new Unknown(location, null, "malformed Go build info line: " + line));
                        continue;
                    }
                    last = new String[] {f[1], f.length > 2 && !f[2].isBlank() ? f[2] : GoPackages.DEVEL};
                    modules.add(last);
                }
                case "=>" -> {
                    if (last != null && f.length > 2 && !f[2].isBlank() && !GoPackages.isLocalPath(f[1])) {
                        last[0] = f[1];
                        last[1] = f[2];
                    }
                }
                default -> { }
            }
        }
        if (!hasMain(modinfo) && mainPath != null && !mainPath.isBlank()) {
            out.add(GoPackages.module(mainPath, GoPackages.DEVEL, location));
        }
        for (String[] m : modules) out.add(GoPackages.module(m[0], m[1], location));
        out.add(GoPackages.stdlib(goVersion, location));
        return new ParseResult(out, unknowns);
    }

    private static boolean hasMain(String modinfo) {
        return modinfo.startsWith("mod\t") || modinfo.contains("\nmod\t");
    }
}
