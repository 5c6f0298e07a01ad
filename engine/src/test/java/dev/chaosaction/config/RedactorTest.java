package dev.chaosaction.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaosaction.value.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static Map<String, Map<String, Object>> secrets() {
        Map<String, Map<String, Object>> secrets = new LinkedHashMap<>();
        secrets.put("k8s", Map.of("token", "tok-1234", "long", "tok-1234-and-more", "short", "abc", "flag", true));
        secrets.put("db", Map.of("pin", 987654L, "creds", Map.of("user", "jane.doe", "list", List.of("p(a)ss*word"))));
        return secrets;
    }

    @Test
    void valuesAreTheLongEnoughLeavesLongestFirst() {
        Redactor redactor = Redactor.of(secrets(), List.of("extra-value", "xy"));

        assertEquals(List.of("tok-1234-and-more", "p(a)ss*word", "extra-value", "tok-1234", "jane.doe", "987654"),
                List.copyOf(redactor.values()));
        assertFalse(redactor.isEmpty());
    }

    @Test
    void overlappingSecretsAreMaskedWhole() {
        Redactor redactor = Redactor.of(secrets(), List.of());
        assertEquals("a *** b *** c", redactor.redact("a tok-1234-and-more b tok-1234 c"));
        assertEquals("***:*** abc true", redactor.redact("jane.doe:p(a)ss*word abc true"));
        assertEquals("janeXdoe", redactor.redact("janeXdoe"), "secrets are matched literally, not as regexes");
        assertNull(redactor.redact((String) null));
    }

    @Test
    void redactionIsDeepAndCoversMapKeysAndNumbers() {
        Redactor redactor = Redactor.of(secrets(), List.of("extra-value"));
        Map<String, Object> journal = new LinkedHashMap<>(Map.of("arguments", Map.of("header", "Bearer tok-1234")));
        journal.put("by jane.doe", List.of("extra-value", List.of(987654L, 12L), true, 1.5));

        Object redacted = redactor.redact((Object) journal);

        assertEquals(Json.parse("""
                {"arguments": {"header": "Bearer ***"}, "by ***": ["***", ["***", 12], true, 1.5]}
                """), redacted);
        assertEquals(List.of("extra-value", List.of(987654L, 12L), true, 1.5), journal.get("by jane.doe"),
                "the input is not modified");
    }

    @Test
    void noSecretsMeansNothingChanges() {
        Redactor redactor = Redactor.of(Map.of("s", Map.of("short", "abc", "bool", false)), List.of("no"));
        assertTrue(redactor.isEmpty());
        assertEquals("abc no", redactor.redact("abc no"));
        assertEquals(List.of("abc"), redactor.redact((Object) List.of("abc")));
    }

    @Test
    void configurationNamedLikeACredentialIsMaskedWhateverItsSourceOtherConfigurationIsNot() {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("api_token", "tok-from-env");
        configuration.put("DB_PASSWORD", "hunter22");
        configuration.put("slackApiKey", Map.of("value", "xoxb-1234"));
        configuration.put("namespace", "shop");

        Redactor redactor = Redactor.forRun(configuration, Map.of("k8s", Map.of("token", "tok-1234")));

        assertEquals("*** *** *** *** shop", redactor.redact("tok-from-env hunter22 xoxb-1234 tok-1234 shop"));
    }

    @Test
    void percentEncodedFormsOfASecretAreMaskedToo() {
        Redactor redactor = Redactor.of(Map.of("s", Map.of("t", "a b/c=\"d")), List.of());

        assertEquals("q=*** f=*** p=*** raw=***",
                redactor.redact("q=a%20b/c=%22d f=a+b%2Fc%3D%22d p=a%20b%2Fc%3D%22d raw=a b/c=\"d"));
        assertEquals(List.of("a b/c=\"d"), List.copyOf(redactor.values()), "GitHub is asked to mask the value itself");
    }
}
