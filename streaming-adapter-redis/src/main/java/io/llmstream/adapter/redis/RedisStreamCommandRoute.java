package io.llmstream.adapter.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.llmstream.core.model.StreamCommand;
import io.llmstream.core.port.StreamCommandRoute;
import io.llmstream.core.port.StreamLogException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commands to the node generating a stream over Redis pub/sub (ADR "commands across nodes"): every node subscribes
 * to a channel of its own; a command is published to the channel of the node named in the stream's hash, which
 * carries it out (or counts the stream's clients) and publishes the answer to the asking node's channel.
 * {@code PUBLISH} says at once when nobody listens (a node that is gone), and nothing is stored that could be
 * replayed to a node that comes back later.
 */
final class RedisStreamCommandRoute implements StreamCommandRoute, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisStreamCommandRoute.class.getName());
    static final Duration ANSWER_WAIT = Duration.ofSeconds(2);

    private final RedisEngine engine;
    private final String nodeId;
    private final StatefulRedisPubSubConnection<String, String> subscription;
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    private volatile Handler handler = new Handler() {
        @Override
        public boolean handle(UUID streamId, StreamCommand command) {
            return false; // until the core is built, nothing runs here
        }

        @Override
        public OptionalInt subscribers(UUID streamId) {
            return OptionalInt.empty();
        }
    };

    RedisStreamCommandRoute(RedisEngine engine) {
        this.engine = engine;
        this.nodeId = engine.settings().nodeId();
        this.subscription = engine.client().connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                received(message);
            }
        });
        subscription.sync().subscribe(channel(nodeId));
    }

    @Override
    public Optional<Boolean> deliver(UUID streamId, StreamCommand command) {
        return ask(streamId, "C", command.name(), command.toString()).map("1"::equals);
    }

    @Override
    public OptionalInt subscribers(UUID streamId) {
        return ask(streamId, "N", "-", "the count of clients").filter(answer -> !answer.equals("-"))
                .map(answer -> OptionalInt.of(Integer.parseInt(answer))).orElseGet(OptionalInt::empty);
    }

    /**
     * Publishes {@code <kind> <request> <this node> <stream> <what>} to the generating node's channel and waits for
     * its answer {@code A <request> <answer>}.
     *
     * @return the answer, or empty when no node generates the stream, nobody listens there or none answered in time
     */
    private Optional<String> ask(UUID streamId, String kind, String what, String description) {
        String node;
        try {
            node = engine.shared().sync().hget(engine.keys().info(streamId), "node");
        } catch (RedisException e) {
            throw new StreamLogException("Redis could not say which node generates stream " + streamId + ": " + e.getMessage(), e);
        }
        if (node == null) {
            return Optional.empty();
        }
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<String> answer = new CompletableFuture<>();
        waiting.put(requestId, answer);
        try {
            Long listeners = engine.shared().sync().publish(channel(node), kind + " " + requestId + " " + nodeId + " " + streamId + " " + what);
            if (listeners == null || listeners == 0) {
                return Optional.empty(); // the node is gone; its lease lapses and another node ends the stream
            }
            return Optional.of(answer.get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (RedisException e) {
            throw new StreamLogException("Redis could not carry " + description + " to stream " + streamId + ": " + e.getMessage(), e);
        } finally {
            waiting.remove(requestId);
        }
    }

    @Override
    public void accept(Handler value) {
        this.handler = value;
    }

    /**
     * {@code C <request> <from node> <stream> <command>}, {@code N <request> <from node> <stream> -} (how many
     * clients follow), or {@code A <request> <answer>} (1|0 for a command, the count or - for N).
     */
    private void received(String message) {
        String[] parts = message.split(" ");
        if (parts[0].equals("A") && parts.length == 3) {
            CompletableFuture<String> answer = waiting.get(parts[1]);
            if (answer != null) {
                answer.complete(parts[2]);
            }
        } else if (parts[0].equals("C") && parts.length == 5) {
            // not on Lettuce's event loop: carrying a command out writes to Redis and waits for it
            Thread.ofVirtual().name("redis-command").start(() -> carryOut(parts[1], parts[2], UUID.fromString(parts[3]),
                    StreamCommand.valueOf(parts[4])));
        } else if (parts[0].equals("N") && parts.length == 5) {
            // the run's lock may be held for a while by its producer: never on Lettuce's event loop
            Thread.ofVirtual().name("redis-count").start(() -> count(parts[1], parts[2], UUID.fromString(parts[3])));
        } else {
            LOG.log(Level.WARNING, "ignored a message on this node's command channel: " + message);
        }
    }

    private void carryOut(String requestId, String from, UUID streamId, StreamCommand command) {
        boolean done;
        try {
            done = handler.handle(streamId, command);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "carrying out " + command + " on stream " + streamId + " failed", e);
            done = false;
        }
        try {
            // on the shared connection, after the appends and status the command caused: the asker reads them after the answer
            engine.shared().async().publish(channel(from), "A " + requestId + " " + (done ? "1" : "0"));
        } catch (RedisException e) {
            LOG.log(Level.WARNING, "could not answer " + command + " on stream " + streamId + ": " + e.getMessage());
        }
    }

    private void count(String requestId, String from, UUID streamId) {
        String answer;
        try {
            OptionalInt count = handler.subscribers(streamId);
            answer = count.isPresent() ? String.valueOf(count.getAsInt()) : "-";
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "counting the clients of stream " + streamId + " failed", e);
            answer = "-";
        }
        try {
            engine.shared().async().publish(channel(from), "A " + requestId + " " + answer);
        } catch (RedisException e) {
            LOG.log(Level.WARNING, "could not answer the count of stream " + streamId + ": " + e.getMessage());
        }
    }

    private String channel(String node) {
        return engine.keys().prefix() + "node:" + node;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
