package io.llmstream.adapter.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Runs a Lua script by its digest, sending its text only when Redis does not know it (first use, after a restart). */
final class Scripts {

    private final RedisAsyncCommands<String, String> redis;
    private final ConcurrentHashMap<String, String> digests = new ConcurrentHashMap<>();

    Scripts(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    <T> CompletableFuture<T> run(String script, ScriptOutputType type, String[] keys, String... args) {
        String digest = digests.computeIfAbsent(script, this::load);
        CompletableFuture<T> byDigest = redis.<T>evalsha(digest, type, keys, args).toCompletableFuture();
        return byDigest.exceptionallyCompose(error -> error instanceof RedisNoScriptException
                || error.getCause() instanceof RedisNoScriptException
                ? redis.<T>eval(script, type, keys, args).toCompletableFuture()
                : CompletableFuture.failedFuture(error));
    }

    /**
     * Loads the script before its first use, so that pipelined calls do not all miss it at once (after a Redis
     * restart they do, and fall back to sending the text).
     */
    private String load(String script) {
        RedisStreamEventLog.await(redis.scriptLoad(script), "load a script");
        return digest(script);
    }

    private static String digest(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
