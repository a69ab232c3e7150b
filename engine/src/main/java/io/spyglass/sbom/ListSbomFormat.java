package io.spyglass.sbom;

import io.spyglass.catalog.Package;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** A table for people: NAME, VERSION, TYPE, one package a line, columns aligned. */
public final class ListSbomFormat implements SbomFormat {

    @Override
    public String name() {
        return "list";
    }

    @Override
    public void write(Sbom sbom, OutputStream out) throws IOException {
        List<Package> packages = sbom.packages();
        int nameWidth = "NAME".length();
        int versionWidth = "VERSION".length();
        for (Package p : packages) {
            nameWidth = Math.max(nameWidth, p.name().length());
            versionWidth = Math.max(versionWidth, Objects.toString(p.version(), "").length());
        }
        String row = "%-" + nameWidth + "s  %-" + versionWidth + "s  %s%n";
        PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.printf(row, "NAME", "VERSION", "TYPE");
        for (Package p : packages) w.printf(row, p.name(), Objects.toString(p.version(), ""), p.type().id());
        w.flush();
    }
}
