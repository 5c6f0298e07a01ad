package dev.chaosaction.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The function's settings from its environment. */
class FunctionConfigTest {
    @Test
    void defaultsForLambda() {
        FunctionConfig config = FunctionConfig.fromEnv(Map.of("JOURNAL_BUCKET", "b", "AWS_REGION", "eu-west-1"));

        assertEquals("b", config.bucket());
        assertEquals("journals/", config.prefix());
        assertEquals("eu-west-1", config.region());
        assertEquals(Set.of("http", "python"), config.allowedProviders());
        assertNull(config.journalDir());
        assertNull(config.s3Endpoint());
        assertEquals(Map.of("JOURNAL_BUCKET", "b", "AWS_REGION", "eu-west-1"), config.env());
    }

    @Test
    void prefixesEndWithOneSlashAndMayBeEmpty() {
        assertEquals("chaos/runs/", FunctionConfig.fromEnv(Map.of("JOURNAL_BUCKET", "b", "JOURNAL_PREFIX", "/chaos/runs")).prefix());
        assertEquals("", FunctionConfig.fromEnv(Map.of("JOURNAL_BUCKET", "b", "JOURNAL_PREFIX", "")).prefix());
    }

    @Test
    void aKillSwitchAmongTheExpiringJournalsIsRefusedAtStartUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FunctionConfig.fromEnv(Map.of(
                "JOURNAL_BUCKET", "b", "JOURNAL_PREFIX", "journals/", "CHAOS_KILL_SWITCH", "s3://b/journals/stop")));
        assertEquals("CHAOS_KILL_SWITCH s3://b/journals/stop is under JOURNAL_PREFIX 'journals/', whose objects "
                + "expire: keep the kill switch outside the journal prefix", e.getMessage());
        assertEquals("b", FunctionConfig.fromEnv(Map.of("JOURNAL_BUCKET", "b", "JOURNAL_PREFIX", "journals/",
                "CHAOS_KILL_SWITCH", "s3://b/stop")).bucket());
        assertEquals("b", FunctionConfig.fromEnv(Map.of("JOURNAL_BUCKET", "b", "JOURNAL_PREFIX", "journals/",
                "CHAOS_KILL_SWITCH", "s3://other/journals/stop")).bucket());
    }

    @Test
    void localSettings() {
        FunctionConfig config = FunctionConfig.fromEnv(Map.of("CHAOS_JOURNAL_DIR", "/tmp/j",
                "CHAOS_S3_ENDPOINT", "http://127.0.0.1:9000", "CHAOS_ALLOWED_PROVIDERS", " HTTP, process ,"));

        assertEquals(Path.of("/tmp/j"), config.journalDir());
        assertEquals(URI.create("http://127.0.0.1:9000"), config.s3Endpoint());
        assertEquals("us-east-1", config.region());
        assertEquals(Set.of("http", "process"), config.allowedProviders());
    }

    @Test
    void aFunctionWithNowhereToPutJournalsOrAnUnknownProviderDoesNotStart() {
        assertEquals("JOURNAL_BUCKET is not set (or CHAOS_JOURNAL_DIR for local use)",
                assertThrows(IllegalStateException.class, () -> FunctionConfig.fromEnv(Map.of())).getMessage());
        assertEquals("CHAOS_ALLOWED_PROVIDERS: unknown provider type 'shell', expected some of http, process, python",
                assertThrows(IllegalStateException.class, () -> FunctionConfig.fromEnv(
                        Map.of("JOURNAL_BUCKET", "b", "CHAOS_ALLOWED_PROVIDERS", "http,shell"))).getMessage());
    }

    @Test
    void experimentsGetTheNarrowPolicyAndBadPolicySettingsStopTheFunction() {
        FunctionConfig config = FunctionConfig.fromEnv(Map.of("JOURNAL_BUCKET", "b"));
        assertFalse(config.policy().env().isOpen());
        assertFalse(config.policy().egress().isOpen());
        assertFalse(config.policy().egress().crossOriginRedirects());
        assertEquals("CHAOS_EGRESS_REDIRECTS: expected same-origin or cross-origin, not 'any'",
                assertThrows(IllegalStateException.class, () -> FunctionConfig.fromEnv(
                        Map.of("JOURNAL_BUCKET", "b", "CHAOS_EGRESS_REDIRECTS", "any"))).getMessage());
        assertEquals("CHAOS_EGRESS_ALLOW: 'https://x' is not an address or CIDR range",
                assertThrows(IllegalStateException.class, () -> FunctionConfig.fromEnv(
                        Map.of("JOURNAL_BUCKET", "b", "CHAOS_EGRESS_ALLOW", "https://x"))).getMessage());
    }
}
