package io.spyglass.server.web;

import io.spyglass.server.analysis.report.SeverityTrend;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads a trend chart back as a user would from the picture: each level's dots left to right, their
 * height turned into a count with the scale printed on the axis.
 */
final class TrendSvgPoints {
    final Document doc;
    final long max;
    final Map<String, List<Long>> counts = new LinkedHashMap<>();
    final Map<String, List<Double>> xs = new LinkedHashMap<>();

    TrendSvgPoints(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        max = Long.parseLong(text("axis-max"));
        double bottom = TrendSvg.HEIGHT - TrendSvg.BOTTOM;
        double height = bottom - TrendSvg.TOP;
        NodeList groups = doc.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            String level = g.getAttribute("data-level");
            NodeList circles = g.getElementsByTagNameNS("*", "circle");
            List<double[]> dots = new ArrayList<>();
            for (int c = 0; c < circles.getLength(); c++) {
                Element e = (Element) circles.item(c);
                dots.add(new double[] {Double.parseDouble(e.getAttribute("cx")), Double.parseDouble(e.getAttribute("cy"))});
            }
            dots.sort(Comparator.comparingDouble(d -> d[0]));
            counts.put(level, dots.stream().map(d -> Math.round(max * (bottom - d[1]) / height)).toList());
            xs.put(level, dots.stream().map(d -> d[0]).toList());
        }
    }

    String text(String cls) {
        NodeList texts = doc.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element e = (Element) texts.item(i);
            if (e.getAttribute("class").equals(cls)) return e.getTextContent();
        }
        throw new AssertionError("no text " + cls);
    }

    List<Long> level(String name) {
        return counts.getOrDefault(name, List.of());
    }

    /** The counts of every level at the last point, in {@link SeverityTrend#LEVELS} order. */
    List<Long> last() {
        return SeverityTrend.LEVELS.stream().map(l -> level(l).get(level(l).size() - 1)).toList();
    }
}
