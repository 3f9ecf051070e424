package org.rlhf4j.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    @Test
    void theDefaultIsAtLeastOwasp2023AndAHashVerifiesOnlyItsPassword() {
        assertThat(PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
        PasswordHasher h = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS);
        String stored = h.hash("correct horse battery");
        assertThat(stored).startsWith("pbkdf2-sha256$600000$").doesNotContain("correct horse");
        assertThat(h.verify("correct horse battery", stored)).isTrue();
        assertThat(h.verify("correct horse batterY", stored)).isFalse();
        assertThat(h.hash("correct horse battery")).as("a fresh salt each time").isNotEqualTo(stored);
    }

    @Test
    void tamperedOrCheapHashesNeverVerify() {
        PasswordHasher h = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);
        String stored = h.hash("correct horse battery");
        String[] p = stored.split("\\$");
        assertThat(h.verify("correct horse battery", p[0] + "$1$" + p[2] + "$" + p[3])).as("iterations lowered").isFalse();
        assertThat(h.verify("correct horse battery", "plain")).isFalse();
        assertThat(h.verify("correct horse battery", null)).isFalse();
        assertThat(h.verify("correct horse battery", p[0] + "$" + p[1] + "$!!$" + p[3])).isFalse();
        assertThatThrownBy(() -> new PasswordHasher(999)).hasMessageContaining("passwordIterations must be >= 1000");
        assertThatThrownBy(() -> PasswordHasher.checkPassword("short")).hasMessageContaining("at least 10");
    }

    @Test
    void theThrottleOpensAgainWhenTheWindowHasPassed() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            public ZoneOffset getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId z) { return this; }
            public Instant instant() { return now[0]; }
        };
        LoginThrottle t = new LoginThrottle(3, 5, Duration.ofMinutes(10), clock);
        for (int i = 0; i < 3; i++) t.failed("ann", "10.0.0.1");
        assertThat(t.retryAfterSeconds("ann", "10.0.0.2")).as("per name, from any address").isEqualTo(600);
        assertThat(t.retryAfterSeconds("bob", "10.0.0.1")).as("3 of the address's 5").isZero();
        t.failed("bob", "10.0.0.1");
        t.failed("cid", "10.0.0.1");
        assertThat(t.retryAfterSeconds("dan", "10.0.0.1")).as("the address used its 5").isPositive();
        now[0] = now[0].plus(Duration.ofMinutes(10));
        assertThat(t.retryAfterSeconds("ann", "10.0.0.1")).isZero();
    }
}
