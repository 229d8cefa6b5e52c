package dev.shepherd.core.notify;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.function.IntFunction;

/** Cutting and escaping text for channels: limits are met by cutting with a visible marker, never by failing. */
final class Text {
    /** Ends a cut text, so a reader knows there was more. */
    static final String MARKER = " …[truncated]";
    /** For fields too short to spend 14 characters on the marker (headers, subjects). */
    static final String SHORT_MARKER = "…";

    private Text() {
    }

    /** {@code text} in at most {@code max} characters (UTF-16 units), cut at a code point and marked when cut. */
    static String cut(String text, int max) {
        return fit(text, max, Character::toString);
    }

    /**
     * {@code text} escaped code point by code point, in at most {@code max} characters: the cut falls between two
     * escaped code points, so it never splits an entity such as {@code &amp;} or a surrogate pair.
     */
    static String fit(String text, int max, IntFunction<String> escape) {
        String marker = max >= 100 ? MARKER : SHORT_MARKER;
        if (max <= marker.length()) {
            String whole = text.codePoints().mapToObj(escape).collect(java.util.stream.Collectors.joining());
            return whole.length() <= max ? whole : marker.substring(0, Math.max(0, max));
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 16);
        int[] points = text.codePoints().toArray();
        for (int i = 0; i < points.length; i++) {
            String piece = escape.apply(points[i]);
            boolean last = i == points.length - 1;
            int room = last ? max : max - marker.length();
            if (out.length() + piece.length() > room) {
                while (out.length() > max - marker.length()) {
                    out.setLength(out.length() - 1);
                }
                return out.append(marker).toString();
            }
            out.append(piece);
        }
        return out.toString();
    }

    /** Line breaks, tabs and other control characters become single spaces; runs of blanks collapse. */
    static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\s]+", " ").strip();
    }

    /** Printable ASCII only (accents dropped, anything else '?'), on one line: what an email subject can hold. */
    static String asciiLine(String text) {
        String plain = Normalizer.normalize(oneLine(text), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        StringBuilder out = new StringBuilder(plain.length());
        plain.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }

    /**
     * The largest rendering that fits {@code maxBytes} of UTF-8: {@code render} is given a budget, the most
     * characters any one user-written text may keep, which halves until the result fits (or is as small as it gets).
     */
    static String within(int maxBytes, IntFunction<String> render) {
        int budget = 1 << 17;
        String out = render.apply(budget);
        while (utf8Length(out) > maxBytes && budget > 32) {
            budget /= 2;
            out = render.apply(budget);
        }
        return out;
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Slack mrkdwn: {@code & < >} become entities (so user text cannot mention {@code <!channel>} or hide a link),
     * and a zero-width space goes before each formatting character ({@code * _ ~ `}) so it shows as itself.
     */
    static String slack(int c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '*', '_', '~', '`' -> "\u200B" + (char) c;
            default -> Character.toString(c);
        };
    }

    /** Adaptive Card markdown: a backslash before the characters that make emphasis and links. */
    static String teams(int c) {
        return switch (c) {
            case '\\', '*', '_', '[', ']', '`', '~' -> "\\" + (char) c;
            default -> Character.toString(c);
        };
    }
}
