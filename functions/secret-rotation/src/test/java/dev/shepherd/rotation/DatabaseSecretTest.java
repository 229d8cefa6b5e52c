package dev.shepherd.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The secret JSON format, the ssl matrix and the alternate-name rule. */
class DatabaseSecretTest {
    private static final String BASE = "{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\"";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"host\":\"h\",\"username\":\"u\",\"password\":\"p\"}|no 'engine' key",
            "{\"engine\":\"postgres\",\"username\":\"u\",\"password\":\"p\"}|no 'host' key",
            "{\"engine\":\"postgres\",\"host\":\"h\",\"password\":\"p\"}|no 'username' key",
            "{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\"}|no 'password' key",
            "{\"engine\":\"oracle\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\"}|engine 'oracle'",
            "{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"port\":\"x\"}|'port'",
            "{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"port\":70000}|'port'",
            "not json|not a JSON object"})
    void invalidSecretsNameWhatIsWrongWithoutValues(String json, String message) {
        assertThatThrownBy(() -> DatabaseSecret.parse(json, "The current version")).isInstanceOf(RotationException.class)
                .hasMessageContaining(message).message().doesNotContain("\"p\"");
    }

    @Test
    void portsAndDefaultsFollowTheEngine() {
        assertThat(DatabaseSecret.parse(BASE + "}", "x").port()).isEqualTo(5432);
        assertThat(DatabaseSecret.parse(BASE + "}", "x").dbname()).contains("postgres");
        assertThat(DatabaseSecret.parse(BASE + ",\"port\":\"6543\"}", "x").port()).isEqualTo(6543);
        assertThat(DatabaseSecret.parse(BASE + ",\"port\":6543}", "x").port()).isEqualTo(6543);
        DatabaseSecret maria = DatabaseSecret.parse(BASE.replace("postgres", "aurora-mysql") + "}", "x");
        assertThat(maria.engine()).isEqualTo(Engine.MYSQL);
        assertThat(maria.port()).isEqualTo(3306);
        assertThat(maria.dbname()).isEmpty();
    }

    @Test
    void newVersionsKeepUnknownKeysAndToStringHidesThePassword() {
        DatabaseSecret s = DatabaseSecret.parse(BASE.replace("\"p\"", "\"s3cr3t\"")
                + ",\"dbClusterIdentifier\":\"c\",\"extra\":{\"a\":1}}", "x");
        String next = s.withCredentials("u_clone", "n3w");
        assertThat(Json.parse(next).get("extra").get("a").asInt()).isEqualTo(1);
        assertThat(Json.parse(next).get("dbClusterIdentifier").asText()).isEqualTo("c");
        assertThat(Json.parse(next).get("username").asText()).isEqualTo("u_clone");
        assertThat(s.toString()).doesNotContain("s3cr3t").isEqualTo("u@h:5432/postgres");
    }

    @ParameterizedTest
    @CsvSource({"'',PREFERRED", "',\"ssl\":true',REQUIRED", "',\"ssl\":\"TRUE\"',REQUIRED", "',\"ssl\":false',DISABLED",
            "',\"ssl\":\"False\"',DISABLED", "',\"ssl\":\"yes\"',PREFERRED", "',\"ssl\":1',PREFERRED", "',\"ssl\":null',PREFERRED"})
    void theSslKeyMeansWhatItMeansForAwsFunctions(String ssl, TlsPolicy expected) {
        assertThat(DatabaseSecret.parse(BASE + ssl + "}", "x").tls()).isEqualTo(expected);
    }

    @Test
    void alternateNamesToggleAndRespectEngineLimits() {
        assertThat(AlternatingUsersRotation.alternate("app", Engine.POSTGRES, 16)).isEqualTo("app_clone");
        assertThat(AlternatingUsersRotation.alternate("app_clone", Engine.POSTGRES, 16)).isEqualTo("app");
        assertThat(AlternatingUsersRotation.alternate("app_clone_clone", Engine.MYSQL, 16)).isEqualTo("app_clone");
        assertThat(AlternatingUsersRotation.alternate("x".repeat(10), Engine.MYSQL, 16)).hasSize(16);
        assertThatThrownBy(() -> AlternatingUsersRotation.alternate("x".repeat(11), Engine.MYSQL, 16))
                .hasMessageContaining("16 characters (USERNAME_CHARACTER_LIMIT)");
        assertThat(AlternatingUsersRotation.alternate("x".repeat(26), Engine.MYSQL, 32)).hasSize(32);
        // PostgreSQL counts bytes: 28 two-byte characters + "_clone" is 62 bytes, 29 would be 64.
        assertThat(AlternatingUsersRotation.alternate("ü".repeat(28), Engine.POSTGRES, 16)).endsWith("_clone");
        assertThatThrownBy(() -> AlternatingUsersRotation.alternate("ü".repeat(29), Engine.POSTGRES, 16))
                .hasMessageContaining("63 bytes");
    }
}
