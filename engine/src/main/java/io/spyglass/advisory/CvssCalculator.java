package io.spyglass.advisory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * Base scores from CVSS v2 and v3.x vectors, by FIRST's published formulas, for sources that give
 * a vector without a score (OSV, GHSA, PyPA). v4.0 needs the full MacroVector table; not done here.
 */
final class CvssCalculator {
    private CvssCalculator() {}

    static double v3(String vector) {
        Map<String, String> m = metrics(vector.substring(vector.indexOf('/') + 1), vector);
        boolean changed = "C".equals(need(m, "S", vector));
        double av = pick(need(m, "AV", vector), vector, "N", .85, "A", .62, "L", .55, "P", .2);
        double ac = pick(need(m, "AC", vector), vector, "L", .77, "H", .44);
        double pr = pick(need(m, "PR", vector), vector, "N", .85, "L", changed ? .68 : .62, "H", changed ? .5 : .27);
        double ui = pick(need(m, "UI", vector), vector, "N", .85, "R", .62);
        double c = pick(need(m, "C", vector), vector, "H", .56, "L", .22, "N", 0);
        double i = pick(need(m, "I", vector), vector, "H", .56, "L", .22, "N", 0);
        double a = pick(need(m, "A", vector), vector, "H", .56, "L", .22, "N", 0);
        double iss = 1 - (1 - c) * (1 - i) * (1 - a);
        double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0) return 0.0;
        double raw = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
        return roundUp(Math.min(raw, 10.0));
    }

    static double v2(String vector) {
        String v = vector.startsWith("(") ? vector.substring(1, vector.length() - 1) : vector;
        Map<String, String> m = metrics(v, vector);
        double av = pick(need(m, "AV", vector), vector, "L", .395, "A", .646, "N", 1.0);
        double ac = pick(need(m, "AC", vector), vector, "H", .35, "M", .61, "L", .71);
        double au = pick(need(m, "Au", vector), vector, "M", .45, "S", .56, "N", .704);
        double c = pick(need(m, "C", vector), vector, "N", 0, "P", .275, "C", .660);
        double i = pick(need(m, "I", vector), vector, "N", 0, "P", .275, "C", .660);
        double a = pick(need(m, "A", vector), vector, "N", 0, "P", .275, "C", .660);
        double impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
        double exploitability = 20 * av * ac * au;
        double f = impact == 0 ? 0 : 1.176;
        double base = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * f;
        return BigDecimal.valueOf(base).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    // CVSS 3.1 spec, Appendix A: round up to one decimal, robust against floating point error.
    private static double roundUp(double value) {
        long intInput = Math.round(value * 100000);
        if (intInput % 10000 == 0) return intInput / 100000.0;
        return (Math.floor(intInput / 10000.0) + 1) / 10.0;
    }

    private static Map<String, String> metrics(String body, String vector) {
        Map<String, String> m = new HashMap<>();
        for (String part : body.split("/")) {
            int colon = part.indexOf(':');
            if (colon <= 0) throw new InvalidAdvisoryException("bad CVSS metric '" + part + "' in " + vector);
            m.put(part.substring(0, colon), part.substring(colon + 1));
        }
        return m;
    }

    private static String need(Map<String, String> m, String key, String vector) {
        String v = m.get(key);
        if (v == null) throw new InvalidAdvisoryException("CVSS vector lacks " + key + ": " + vector);
        return v;
    }

    private static double pick(String value, String vector, Object... table) {
        for (int k = 0; k < table.length; k += 2) {
            if (table[k].equals(value)) return ((Number) table[k + 1]).doubleValue();
        }
        throw new InvalidAdvisoryException("bad CVSS metric value '" + value + "' in " + vector);
    }
}
