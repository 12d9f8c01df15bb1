package io.llmstream.adapter.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How this node uses Redis.
 *
 * @param url           where Redis is, {@code redis://host:port[/db]}
 * @param keyPrefix     put before every key, so that several deployments (or test runs) can share one Redis
 * @param nodeId        this node's name; commands for the streams it generates are addressed to it
 * @param retention     how long an ended stream's events stay readable
 * @param maxEvents     most events kept per stream, the oldest trimmed first
 * @param runningExpiry the safety expiry of a running stream's keys, renewed by every append: a stream whose
 *                      node vanished without anyone ending it is forgotten after this long
 * @param lease         how long a generating node's lease on its stream lasts without renewal
 */
public record RedisSettings(String url, String keyPrefix, String nodeId, Duration retention, int maxEvents,
        Duration runningExpiry, Duration lease) {

    public RedisSettings {
        Objects.requireNonNull(url, "url is required");
        Objects.requireNonNull(keyPrefix, "keyPrefix is required");
        Objects.requireNonNull(nodeId, "nodeId is required");
        if (nodeId.isBlank() || !nodeId.matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalArgumentException("nodeId must be letters, digits and . _ : - only, was '" + nodeId + "'");
        }
        positive(retention, "retention");
        positive(runningExpiry, "runningExpiry");
        positive(lease, "lease");
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be 1 or more, was " + maxEvents);
        }
    }

    private static void positive(Duration value, String field) {
        Objects.requireNonNull(value, field + " is required");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }
}
