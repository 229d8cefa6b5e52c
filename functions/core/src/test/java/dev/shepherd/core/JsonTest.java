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
    void emptyInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("   "));
    }

    @Test
    void wellFormedInputStillParses() {
        assertEquals(2, Json.parse(" {\"a\":1,\"b\":{\"a\":2}} \n").path("b").path("a").asInt());
    }
}
