package dev.shepherd.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * The shared JSON mapper: lenient on unknown fields (AWS adds fields), strict on everything else. Shepherd reads
 * JSON that others write (check plans, secrets, events), so a duplicate key or content after the value is an
 * error: with "last key wins", a plan whose first {@code checks} fail could be shadowed by a second, empty one.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    /** @throws IllegalArgumentException naming what is malformed (never the input itself) */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("malformed JSON: no content");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + problem(e), e);
        }
    }

    public static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + ": " + problem(e), e);
        }
    }

    /**
     * What is wrong with a document, and where, without quoting it: Jackson's own messages can quote the input (an
     * unrecognised token may be part of a password). A duplicate key is named, since key names are not values.
     */
    public static String problem(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String kind;
        if (m.startsWith("Duplicate field '")) {
            kind = m.substring(0, m.indexOf('\'', "Duplicate field '".length()) + 1);
        } else if (e instanceof JsonEOFException) {
            kind = "it ends early";
        } else if (m.startsWith("Trailing token")) {
            kind = "content after the value";
        } else if (e instanceof MismatchedInputException) {
            kind = "unexpected content";
        } else {
            kind = "a syntax error";
        }
        return kind + where;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Adds a problem for every key of {@code node} not in {@code known}: strict config files name their typos. */
    public static void onlyKeys(JsonNode node, String path, List<String> problems, String... known) {
        List<String> keys = List.of(known);
        node.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                problems.add(path + k + " is not a known key (known: " + String.join(", ", keys) + ")");
            }
        });
    }
}
