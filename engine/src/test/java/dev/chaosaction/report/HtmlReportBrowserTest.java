package dev.chaosaction.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.testing.Chromium;
import dev.chaosaction.testing.LocalServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a real browser shows it: Debian's Chromium ({@link Chromium}) reads the page from a file,
 * and the test checks the DOM it built and the pixels it drew. A loopback server counts what the page tries to
 * load from elsewhere: nothing, even when a probe's name is markup, and even when markup gets past the renderer
 * (the page's Content-Security-Policy).
 */
@Timeout(120)
class HtmlReportBrowserTest {
    /** Colours of the page's style sheet: drawn only if the policy let the sheet apply. */
    private static final int BAND = 0xd9f2db;
    private static final int FAULT = 0xfbe0e0;
    private static final int DURING = 0xff7f0e;

    @TempDir
    Path dir;
    private final LocalServer elsewhere = new LocalServer();

    @AfterEach
    void stopElsewhere() {
        elsewhere.close();
    }

    @Test
    void theBrowserDrawsEveryChartWithItsBandFaultWindowAndPoints() throws Exception {
        Path page = write("report.html", HtmlRenderer.render(JournalReport.of(SampleJournals.podKill("service levels"))));

        String dom = chromium().dom(page, 0);

        List<String> titles = matches(dom, "<title id=\"chart-\\d+-title\">([^<]*)</title>");
        assertEquals(List.of("checkout answers · status over the run", "service levels · error_rate over the run"),
                titles.subList(0, 2), dom);
        assertTrue(titles.contains("service levels · latency_ms.p99 over the run"), titles.toString());
        assertEquals(titles.size(), matches(dom, "<svg class=\"chart-svg\"[^>]*role=\"img\"()").size());
        String errorRate = chart(dom, 1);
        assertEquals(1, matches(errorRate, "<rect class=\"(band)\"").size(), errorRate);
        assertEquals(1, matches(errorRate, "<rect class=\"(fault)\"").size(), errorRate);
        assertEquals(List.of("before", "during", "during", "during", "during", "after"),
                matches(errorRate, "<circle class=\"point (\\w+)[^\"]*\"[^>]*><title>"), errorRate);
        assertEquals(2, matches(errorRate, "<circle class=\"point during (miss)\"").size(), errorRate);
        assertTrue(errorRate.contains("<desc id=\"chart-"), errorRate);
        assertTrue(errorRate.contains("6 values from 0 to 0.04 over 12 s; the tolerance allows 0 to 0.01; "
                + "2 out of tolerance; the method (faults) ran from 2 s to 10 s.</desc>"), errorRate);
        assertTrue(errorRate.contains("<tr><td>5.2</td><td>during</td><td>0.04</td><td>no</td></tr>"), errorRate);
        assertEquals(0, elsewhere.requests().size());
    }

    @Test
    void theScreenshotShowsTheBandTheFaultWindowAndThePoints() throws Exception {
        Path page = write("report.html", HtmlRenderer.render(JournalReport.of(SampleJournals.podKill("service levels"))));
        Path png = dir.resolve("report.png");

        chromium().screenshot(page, 0, png, 1000, 1600);

        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(pixels(image, BAND) > 10_000, "the tolerance band is drawn, in the page's own colours");
        assertTrue(pixels(image, FAULT) > 10_000, "the fault window is drawn");
        assertTrue(pixels(image, DURING) > 20, "the points taken during the method are drawn");
        Files.copy(png, Path.of("target", "report-browser.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aProbeNamedWithMarkupLoadsNothingAndReadsAsText() throws Exception {
        String base = elsewhere.url("");
        String name = "\"></title></svg><img src=\"" + base + "/name.png\"><script src=\"" + base + "/name.js\"></script>";
        Path page = write("report.html", HtmlRenderer.render(JournalReport.of(SampleJournals.podKill(name))));

        String dom = chromium().dom(page, 0);

        assertEquals(0, elsewhere.requests().size(), "the page loaded something from elsewhere");
        assertEquals(0, matches(dom, "<(script|img)").size(), dom);
        String asText = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        assertTrue(dom.contains("<figcaption>" + asText + " · error_rate</figcaption>"), dom);
    }

    @Test
    void thePolicyBlocksWhatWouldGetPastTheRenderer() throws Exception {
        String base = elsewhere.url("");
        String html = HtmlRenderer.render(JournalReport.of(SampleJournals.podKill("service levels")))
                .replace("<body>\n", "<body>\n<img src=\"" + base + "/img.png\"><link rel=\"stylesheet\" href=\"" + base
                        + "/sheet.css\"><script src=\"" + base + "/script.js\"></script><script>document.title='ran'"
                        + "</script><iframe src=\"" + base + "/frame\"></iframe>");
        Path page = write("tampered.html", html);

        String dom = chromium().dom(page, 0);

        assertEquals(0, elsewhere.requests().size(), "the Content-Security-Policy let the page load from elsewhere");
        assertFalse(dom.contains("<title>ran</title>"), "an inline script ran");
    }

    private Chromium chromium() {
        return new Chromium(dir);
    }

    private Path write(String name, String html) throws IOException {
        return Files.writeString(dir.resolve(name), html, StandardCharsets.UTF_8);
    }

    /** The {@code index}-th chart's figure in the DOM. */
    private static String chart(String dom, int index) {
        String[] figures = dom.split("<figure class=\"chart\">");
        return figures[index + 1].substring(0, figures[index + 1].indexOf("</figure>"));
    }

    private static List<String> matches(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) found.add(m.group(1));
        return found;
    }

    private static long pixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) n++;
            }
        }
        return n;
    }
}
