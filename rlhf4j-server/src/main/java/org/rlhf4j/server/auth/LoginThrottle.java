package org.rlhf4j.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per account name and per client address within a sliding window, so
 * guessing a password costs days rather than seconds. Kept in memory: a restart forgives, which
 * is acceptable because the slow password hash still bounds the guessing rate.
 */
public final class LoginThrottle {
    private final int failuresPerUser, failuresPerAddress;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int failuresPerUser, int failuresPerAddress, Duration window, Clock clock) {
        this.failuresPerUser = failuresPerUser;
        this.failuresPerAddress = failuresPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds until a login for this name from this address may be tried again; 0 when it may now. */
    public long retryAfterSeconds(String username, String address) {
        return Math.max(wait("user:" + username, failuresPerUser), wait("addr:" + address, failuresPerAddress));
    }

    public void failed(String username, String address) {
        long now = clock.millis();
        for (String key : new String[] {"user:" + username, "addr:" + address}) {
            Deque<Long> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (d) {
                d.addLast(now);
                while (d.size() > Math.max(failuresPerUser, failuresPerAddress)) d.removeFirst();
            }
        }
    }

    public void succeeded(String username) {
        failures.remove("user:" + username);
    }

    private long wait(String key, int limit) {
        Deque<Long> d = failures.get(key);
        if (d == null) return 0;
        long now = clock.millis();
        synchronized (d) {
            while (!d.isEmpty() && d.peekFirst() <= now - window.toMillis()) d.removeFirst();
            if (d.size() < limit) return 0;
            long oldestRelevant = d.stream().skip(d.size() - limit).findFirst().orElseThrow();
            return Math.max(1, (oldestRelevant + window.toMillis() - now + 999) / 1000);
        }
    }
}
