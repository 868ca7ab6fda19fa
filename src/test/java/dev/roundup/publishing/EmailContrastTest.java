package dev.roundup.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Text reaches WCAG AA contrast (4.5:1) in light and dark mode: the colours are read from the stylesheets
 * themselves, the email's (mail/email.css) and the site's (static/roundup.css), so a changed colour is checked.
 */
class EmailContrastTest {

    static final double AA = 4.5;

    @Test
    void theEmailsTextIsReadableInLightAndDarkMode() throws IOException {
        String css;
        try (InputStream in = EmailContrastTest.class.getResourceAsStream("/mail/email.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "");
        }
        int dark = css.indexOf("@media (prefers-color-scheme: dark)");
        int darkEnd = css.indexOf("@media", dark + 1);
        Map<String, Map<String, String>> light = rules(css.substring(0, dark));
        Map<String, Map<String, String>> night = rules(css.substring(dark, darkEnd < 0 ? css.length() : darkEnd).replaceFirst("^[^{]*\\{", ""));
        List<String> container = List.of(".title", ".intro", ".note", ".brand", ".section-title", ".item-title a", ".item-source",
                ".item-blurb", ".footer", ".footer a");
        List<String> sponsor = List.of(".sponsor", ".sponsor-label", ".sponsor a");
        List<String> failures = new ArrayList<>();
        for (Map<String, Map<String, String>> mode : List.of(light, night)) {
            String name = mode == light ? "light" : "dark";
            String containerBg = colour(light, night, mode, ".container", "background-color");
            String sponsorBg = colour(light, night, mode, ".sponsor", "background-color");
            for (String s : container) {
                check(failures, name + " " + s, colour(light, night, mode, s, "color"), containerBg);
            }
            for (String s : sponsor) {
                check(failures, name + " " + s, colour(light, night, mode, s, "color"), sponsorBg);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void theSitesTextIsReadableInLightAndDarkMode() throws IOException {
        String css = Files.readString(Path.of("src/main/resources/META-INF/resources/static/roundup.css"));
        int dark = css.indexOf("@media (prefers-color-scheme: dark)");
        Map<String, String> light = variables(css.substring(0, dark));
        Map<String, String> night = new HashMap<>(light);
        night.putAll(variables(css.substring(dark, css.indexOf('}', css.indexOf('}', dark) + 1))));
        assertTrue(!night.get("--muted").equals(light.get("--muted")), "dark mode has its own secondary colour");
        List<String> failures = new ArrayList<>();
        for (Map<String, String> mode : List.of(light, night)) {
            String name = mode == light ? "light" : "dark";
            for (String bg : List.of("--bg", "--surface")) {
                for (String fg : List.of("--text", "--muted", "--accent")) {
                    check(failures, name + " " + fg + " on " + bg, mode.get(fg), mode.get(bg));
                }
            }
            check(failures, name + " --accent on --accent-soft", mode.get("--accent"), mode.get("--accent-soft"));
            check(failures, name + " --danger on --danger-soft", mode.get("--danger"), mode.get("--danger-soft"));
            check(failures, name + " --accent-text on --accent", mode.get("--accent-text"), mode.get("--accent"));
        }
        check(failures, "dark --muted on --line", night.get("--muted"), night.get("--line"));
        assertEquals(List.of(), failures);
    }

    @Test
    void theContrastRatioIsWcags() {
        assertEquals(21.0, ratio("#000000", "#ffffff"), 0.01);
        assertEquals(1.0, ratio("#777777", "#777777"), 0.001);
        assertEquals(4.48, ratio("#777777", "#ffffff"), 0.01);
    }

    private static void check(List<String> failures, String what, String fg, String bg) {
        double r = ratio(fg, bg);
        if (r < AA) {
            failures.add(what + ": " + fg + " on " + bg + " is " + Math.round(r * 100) / 100.0 + ":1");
        }
    }

    /** The colour a selector ends with in a mode: its dark rule, else its light rule, else the body's. */
    private static String colour(Map<String, Map<String, String>> light, Map<String, Map<String, String>> night,
            Map<String, Map<String, String>> mode, String selector, String property) {
        List<Map<String, Map<String, String>>> order = mode == night ? List.of(night, light) : List.of(light);
        for (Map<String, Map<String, String>> rules : order) {
            String v = rules.getOrDefault(selector, Map.of()).get(property);
            if (v != null) {
                return v;
            }
        }
        return mode == night && night.containsKey("body") && night.get("body").containsKey(property) ? night.get("body").get(property)
                : light.get("body").get(property);
    }

    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^}]*)}");
    private static final Pattern DECLARATION = Pattern.compile("([a-z-]+)\\s*:\\s*(#[0-9a-fA-F]{6})");

    static Map<String, Map<String, String>> rules(String css) {
        Map<String, Map<String, String>> rules = new HashMap<>();
        Matcher m = RULE.matcher(css);
        while (m.find()) {
            for (String selector : m.group(1).split(",")) {
                Matcher d = DECLARATION.matcher(m.group(2));
                while (d.find()) {
                    rules.computeIfAbsent(selector.strip(), k -> new HashMap<>()).put(d.group(1), d.group(2));
                }
            }
        }
        return rules;
    }

    static Map<String, String> variables(String css) {
        Map<String, String> vars = new HashMap<>();
        Matcher m = Pattern.compile("(--[a-z-]+)\\s*:\\s*(#[0-9a-fA-F]{6})").matcher(css);
        while (m.find()) {
            vars.put(m.group(1), m.group(2));
        }
        return vars;
    }

    /** WCAG 2 contrast ratio of two #rrggbb colours. */
    static double ratio(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
