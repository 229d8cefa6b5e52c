package dev.shepherd.core.notify;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One message for people, independent of the channel that carries it. {@code summary}, fact values and link texts
 * may hold user-written text (an alarm description, a tag): each channel escapes them for its own markup and cuts
 * them to its own limits.
 *
 * @param source           the function that speaks, e.g. {@code alarm-responder}
 * @param environment      dev, staging or prod
 * @param title            one line saying what happened
 * @param summary          plain text, possibly several lines; may be empty
 * @param facts            shown in this order
 * @param incidentKey      the same for every notice about one incident (an alarm ARN): PagerDuty's {@code dedup_key}
 *                         (hashed when longer than 255 characters), Amazon Q Developer's {@code threadId}
 * @param relatedResources ARNs of what the notice is about
 */
public record Notice(String source, String environment, Severity severity, Phase phase, String title, String summary,
        List<Fact> facts, List<Link> links, String incidentKey, List<String> relatedResources, Instant timestamp) {

    public record Fact(String name, String value) {
        public Fact {
            name = requireText(name, "fact name");
            value = value == null ? "" : value;
        }
    }

    /** A link for people to follow; only http(s) URLs, so a channel never renders a {@code javascript:} link. */
    public record Link(String text, String url) {
        public Link {
            text = requireText(text, "link text");
            URI uri;
            try {
                uri = URI.create(Objects.requireNonNull(url, "link url"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("link '" + text + "' has a malformed URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new IllegalArgumentException("link '" + text + "' must be an absolute http(s) URL");
            }
        }
    }

    public Notice {
        source = requireText(source, "source");
        environment = requireText(environment, "environment");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(phase, "phase");
        title = requireText(title, "title");
        summary = summary == null ? "" : summary;
        facts = List.copyOf(facts == null ? List.of() : facts);
        links = List.copyOf(links == null ? List.of() : links);
        incidentKey = requireText(incidentKey, "incidentKey");
        relatedResources = List.copyOf(relatedResources == null ? List.of() : relatedResources);
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The title with the phase in front ("Resolved: orders-5xx"): the one line every channel leads with. */
    public String heading() {
        return phase.label() + title;
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a notice's " + what + " must not be blank");
        }
        return value;
    }
}
