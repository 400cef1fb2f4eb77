package dev.waymark.benchmarks.report;

import static dev.waymark.benchmarks.report.FigureIds.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgPlotTest {
  @Test
  void barsAreWellFormedSvgOnALogScale() throws Exception {
    Results results = new Results();
    results.add(CALL_100K, List.of(2.0, 2.0, 2.0));
    results.add(CHAIN_100K, List.of(2_000.0));
    results.add(DBOS_1K, List.of(200_000.0));
    results.notMeasured(TEMPORAL_1K, "failed: a <reason> & more");
    Document svg = parse(Plot.svg(results));

    List<Double> widths = new ArrayList<>();
    NodeList rects = svg.getElementsByTagName("rect");
    for (int i = 0; i < rects.getLength(); i++) {
      Element rect = (Element) rects.item(i);
      if (rect.getAttribute("height").equals("12") && rect.getAttribute("x").equals("400")) {
        widths.add(Double.parseDouble(rect.getAttribute("width")));
      }
    }
    assertEquals(3, widths.size(), "one bar per measured figure");
    // 2 ns, 2 us, 200 us: a factor of 1,000 then of 100 on a log axis.
    double perDecade = (widths.get(1) - widths.get(0)) / 3;
    assertEquals(2 * perDecade, widths.get(2) - widths.get(1), 0.5);
    assertTrue(svg.getDocumentElement().getTextContent().contains("failed: a <reason> & more"));
  }

  private static Document parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }
}
