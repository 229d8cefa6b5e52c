package dev.shepherd.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void item12_duplicateKeysAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"checks\":[{\"type\":\"http\"}],\"checks\":[]}"));
        assertTrue(e.getMessage().contains("Duplicate field 'checks'"), e.getMessage());
    }

    @Test
    void item12_trailingContentIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1} {\"a\":2}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1},"));
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\":1} x", java.util.Map.class));
    }

    @Test
    void errorsGiveTheKindAndPositionNeverTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"password\": hunter2}"));
        assertTrue(e.getMessage().matches("malformed JSON: a syntax error at line 1, column \\d+"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": \"x\"} s3cr3t"));
        assertTrue(!e.getMessage().contains("s3cr3t"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": \"x\"} {\"b\": 1}"));
        assertTrue(e.getMessage().startsWith("malformed JSON: content after the value at line 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": \"x"));
        assertTrue(e.getMessage().startsWith("malformed JSON: it ends early"), e.getMessage());
    }

    @Test
    void emptyInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("   "));
    }

    @Test
    void wellFormedInputStillParses() {
        assertEquals(2, Json.parse(" {\"a\":1,\"b\":{\"a\":2}} \n").path("b").path("a").asInt());
    }
}
