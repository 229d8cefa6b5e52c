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
            "not json|not a JSON object",
            "{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"port\":\"5432abc\"}|'port'",
            "{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"port\":5432.5}|'port'",
            "{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"port\":\" 5432\"}|'port'",
            "{\"engine\":\"postgres\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\",\"port\":true}|'port'"})
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "db.example.com:5432/x?sslmode=disable&x=", "db.example.com/orders", "db.example.com?sslmode=disable",
            "db.example.com,evil.example", "-db.example.com", "db..example.com", "db_1.example.com", "[::1]",
            "fe80::1%eth0", "::ffff:zz", "db example", "d\u00e9.example"})
    void item2_aHostThatIsNotADnsNameOrAnIpLiteralIsRefusedWithoutEchoingIt(String host) {
        String json = "{\"engine\":\"postgres\",\"host\":" + Json.write(host) + ",\"username\":\"u\",\"password\":\"p\"}";
        assertThatThrownBy(() -> DatabaseSecret.parse(json, "The current version")).isInstanceOf(RotationException.class)
                .hasMessageContaining("'host'").message().doesNotContain(host);
    }

    @ParameterizedTest
    @CsvSource({"orders-db.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com", "ORDERS-DB.example.", "localhost", "127.0.0.1",
            "::1", "2001:db8::5"})
    void item2_dnsNamesAndIpLiteralsAreAccepted(String host) {
        String json = "{\"engine\":\"postgres\",\"host\":\"" + host + "\",\"username\":\"u\",\"password\":\"p\",\"port\":6432}";
        assertThat(DatabaseSecret.parse(json, "x").host()).isEqualTo(host);
        assertThat(DatabaseSecret.parse(json, "x").port()).isEqualTo(6432);
    }

    @Test
    void item1_hostsCompareCaseInsensitivelyIgnoringATrailingDot() {
        assertThat(Hosts.same("Orders-DB.example.com.", "orders-db.example.com")).isTrue();
        assertThat(Hosts.same("orders-db.example.com", "orders-db.example.com.evil.example")).isFalse();
        assertThat(Hosts.same("orders-db.example.com", "orders-db2.example.com")).isFalse();
    }
}
