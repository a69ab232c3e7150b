package io.spyglass.advisory.source.epss;

import io.spyglass.advisory.EpssScore;
import io.spyglass.advisory.source.Parsed;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FIRST's EPSS csv: an optional {@code #model_version:…,score_date:…} line, then
 * {@code cve,epss,percentile} (the oldest files have no percentile). Without a score_date the date
 * comes from the file name ({@code epss_scores-2021-04-14.csv.gz}) when it has one.
 */
public final class EpssParser {
    private static final Pattern SCORE_DATE = Pattern.compile("score_date:(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern NAME_DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

    private EpssParser() {}

    public static Parsed parse(String file, byte[] bytes) {
        Parsed.Collector out = new Parsed.Collector(file);
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
        int i = 0;
        LocalDate date = null;
        if (lines.length > 0 && lines[0].startsWith("#")) {
            Matcher m = SCORE_DATE.matcher(lines[0]);
            if (m.find()) date = LocalDate.parse(m.group(1));
            i++;
        }
        if (date == null) {
            Matcher m = NAME_DATE.matcher(file.substring(file.replace('\\', '/').lastIndexOf('/') + 1));
            if (m.find()) date = LocalDate.parse(m.group(1));
        }
        if (i >= lines.length || !lines[i].trim().startsWith("cve,epss")) {
            return Parsed.failed(file, "not an EPSS csv: header is '" + (i < lines.length ? lines[i].trim() : "") + "', expected cve,epss[,percentile]");
        }
        boolean percentile = lines[i].trim().equals("cve,epss,percentile");
        for (i++; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String[] f = lines[i].split(",");
            try {
                if (f.length < (percentile ? 3 : 2)) throw new IllegalArgumentException("too few fields");
                out.add(new EpssScore(f[0].trim(), Double.parseDouble(f[1]), percentile ? Double.valueOf(f[2]) : null, date));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                out.problem(f[0], "line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return out.done();
    }
}
