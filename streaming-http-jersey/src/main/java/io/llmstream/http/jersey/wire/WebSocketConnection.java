package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.error.Outcomes;
import io.llmstream.http.jersey.json.Fields;
import io.llmstream.http.jersey.json.Json;
import io.llmstream.http.jersey.json.Views;
import io.llmstream.http.jersey.security.CallerRequest;
import io.llmstream.http.jersey.security.RateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmstream.core.port.in.FollowOutcome;
import io.llmstream.core.port.in.Result;
import io.llmstream.core.port.in.StreamOutcome;
import io.llmstream.core.port.in.StreamView;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One WebSocket connection of one owner: reads the client's JSON messages, starts, follows and controls its
 * streams, and writes every frame through one bounded queue drained by one virtual thread, so the frames of a
 * stream keep their order and a client that reads too slowly is closed 1008 {@code lagging} instead of holding a
 * stream or the server's memory. Each subscription runs on a virtual thread of its own. Public only because Tyrus
 * calls an endpoint's callbacks by reflection.
 */
public final class WebSocketConnection extends Endpoint {

    static final CloseReason LAGGING = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
            io.llmstream.core.port.ErrorCode.Stream.LAGGING.wireCode());
    static final CloseReason TOO_MANY = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too many messages");
    static final CloseReason NO_PONG = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "no pong");
    static final CloseReason SHUTTING_DOWN = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "the server is shutting down");
    private static final System.Logger LOG = System.getLogger(WebSocketConnection.class.getName());
    private static final String END = new String("end of connection"); // identity marks the writer's last frame
    private static final String GO_AWAY = new String("going away"); // identity: close after the frames before it

    private final WebSocketEndpoint api;
    private final BlockingQueue<String> outgoing;
    private final Map<UUID, WebSocketEventSink> subscriptions = new ConcurrentHashMap<>();
    private volatile Session session;
    private volatile String owner;
    private volatile WebSocketCommands commands;
    private volatile CallerRequest caller;
    private volatile boolean closed;
    private volatile boolean goingAway;
    private volatile WebSocketHeartbeat heartbeat;
    private static final Set<String> STARTS_FOLLOWING = Set.of("chat.send", "conversation.send", "subscribe");
    private long windowStart = System.nanoTime();
    private int messagesInWindow;

    WebSocketConnection(WebSocketEndpoint api) {
        this.api = api;
        this.outgoing = new ArrayBlockingQueue<>(api.settings().maxQueuedFrames());
    }

    @Override
    public void onOpen(Session opened, EndpointConfig config) {
        this.session = opened;
        this.owner = (String) config.getUserProperties().get(WebSocketEndpoint.OWNER);
        this.caller = (CallerRequest) config.getUserProperties().get(WebSocketEndpoint.CALLER);
        this.commands = new WebSocketCommands(api, owner, this);
        opened.setMaxTextMessageBufferSize(api.settings().maxFrameBytes());
        opened.setMaxIdleTimeout(0);
        opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::receive);
        WebSocketHeartbeat beating = new WebSocketHeartbeat(opened, api.http().heartbeatInterval(), api.heartbeats(), () -> close(NO_PONG), this::end);
        heartbeat = beating;
        opened.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> beating.ponged());
        Thread.ofVirtual().name("ws-writer-" + opened.getId()).start(this::write);
        if (!api.connections().opened(this)) {
            goAway();
        }
    }

    @Override
    public void onClose(Session closing, CloseReason reason) {
        end();
    }

    @Override
    public void onError(Session failing, Throwable failure) {
        LOG.log(Level.DEBUG, "WebSocket connection failed", failure);
        end();
    }

    /**
     * Queues a stream's frame, waiting while the queue is full; false when the connection has ended, or (and it is
     * closed 1008 {@code lagging}) when the queue stayed full for the lag timeout. On the subscriber's thread.
     */
    boolean enqueueWaiting(String frame) {
        if (closed) {
            return false;
        }
        try {
            if (outgoing.offer(frame, api.settings().lagTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                return !closed;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the subscription was ended
            return false;
        }
        close(LAGGING);
        return false;
    }

    /** Queues a stream's frame only if the queue has room now; a full queue is not (yet) lagging. */
    boolean enqueueIfRoom(String frame) {
        return !closed && outgoing.offer(frame) && !closed;
    }

    /** Queues an answer without waiting (on Tyrus's reading thread); a full queue means the client is lagging. */
    boolean enqueue(String frame) {
        if (closed) {
            return false;
        }
        if (outgoing.offer(frame)) {
            return true;
        }
        close(LAGGING);
        return false;
    }

    private void receive(String text) {
        if (overRate()) {
            close(TOO_MANY);
            return;
        }
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (IOException | RuntimeException e) {
            enqueue(WebSocketFrames.error(null, 400, "the message is not JSON", Map.of()));
            return;
        }
        if (message == null || !message.isObject()) {
            enqueue(WebSocketFrames.error(null, 400, "a message must be one JSON object", Map.of()));
            return;
        }
        String requestId = message.path("request_id").isValueNode() ? message.path("request_id").asText() : null;
        try {
            dispatch(message, requestId);
        } catch (ApiException refused) {
            enqueue(WebSocketFrames.error(requestId, refused));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "handling a WebSocket message failed unexpectedly", e);
            enqueue(WebSocketFrames.error(requestId, 500, "internal error; the details are in the server's log", Map.of()));
        }
    }

    private void dispatch(JsonNode message, String requestId) {
        String type = message.path("type").asText("");
        if (goingAway && STARTS_FOLLOWING.contains(type)) {
            throw new ApiException(503, "the server is shutting down; this connection closes when its streams end",
                    Map.of(), Map.of());
        }
        switch (type) {
            case "chat.send" -> send(requestId, () -> commands.chat(message));
            case "conversation.send" -> send(requestId, () -> commands.conversation(message));
            case "subscribe" -> subscribe(requestId, WebSocketCommands.streamId(message), WebSocketCommands.afterId(message));
            case "unsubscribe" -> unsubscribe(requestId, WebSocketCommands.streamId(message));
            case "stop" -> control(requestId, message, id -> api.control().stop(owner, id));
            case "pause" -> control(requestId, message, id -> api.control().pause(owner, id));
            case "resume" -> control(requestId, message, id -> api.control().resume(owner, id));
            case "ping" -> enqueue(WebSocketFrames.pong(requestId));
            default -> throw ApiException.badRequest("unknown message type '" + WebSocketCommands.abbreviate(type)
                    + "'; expected chat.send, conversation.send, subscribe, unsubscribe, stop, pause, resume or ping");
        }
    }

    /** Like the POST endpoints: validated, rate limited, under the stream caps; then followed from the first event. */
    private void send(String requestId, Supplier<WebSocketCommands.Start> validated) {
        WebSocketCommands.Start start = validated.get();
        RateLimiter.Decision decision = api.limiter().check(owner, caller);
        if (!decision.allowed()) {
            long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
            throw new ApiException(429, "too many requests; retry after " + seconds + " s", Map.of(),
                    Map.of("retry_after", Long.toString(seconds)));
        }
        var slot = api.slots().acquire(owner);
        Thread.ofVirtual().name("ws-send").start(() -> {
            StreamOutcome outcome = StreamSlots.startIn(slot, start.starter());
            if (!(outcome instanceof StreamOutcome.Started started)) {
                enqueueWaiting(WebSocketFrames.error(requestId, Outcomes.refusal(outcome)));
                return;
            }
            UUID streamId = started.stream().streamId();
            enqueueWaiting(WebSocketFrames.started(requestId, streamId));
            follow(requestId, streamId, 0, start.follower());
        });
    }

    private void subscribe(String requestId, UUID streamId, long afterId) {
        Thread.ofVirtual().name("ws-subscriber").start(() -> follow(requestId, streamId, afterId, commands.text()));
    }

    /** On the subscriber's thread, until the stream ends or the client leaves it. */
    private void follow(String requestId, UUID streamId, long afterId, WebSocketCommands.Follower follower) {
        WebSocketEventSink sink = new WebSocketEventSink(streamId, this);
        WebSocketEventSink previous = subscriptions.put(streamId, sink);
        if (previous != null) {
            previous.close(); // a resubscribe replaces the subscription, from the offset it names
        }
        if (closed) {
            sink.close();
        }
        FollowOutcome outcome;
        try {
            outcome = follower.follow(streamId, afterId, sink);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "following stream " + streamId + " failed unexpectedly", e);
            outcome = null;
        } finally {
            subscriptions.remove(streamId, sink);
        }
        try {
            WebSocketFrames.refusal(requestId, streamId, outcome).ifPresent(this::enqueueWaiting);
        } finally {
            if (goingAway && subscriptions.isEmpty()) {
                closeWhenWritten();
            }
        }
    }

    private void unsubscribe(String requestId, UUID streamId) {
        WebSocketEventSink sink = subscriptions.remove(streamId);
        if (sink == null) {
            throw new ApiException(404, "this connection is not subscribed to stream " + streamId, Map.of(),
                    Map.of("stream_id", streamId.toString()));
        }
        sink.close();
        enqueue(WebSocketFrames.unsubscribed(requestId, streamId));
    }

    private void control(String requestId, JsonNode message, Function<UUID, Result<StreamView>> action) {
        UUID streamId = WebSocketCommands.streamId(message);
        Views.StreamResourceView view = Views.StreamResourceView.of(Fields.unwrap(action.apply(streamId)));
        enqueue(WebSocketFrames.status(requestId, view));
    }

    /** The single writer: frames leave in the order they were queued. */
    private void write() {
        try {
            while (true) {
                String frame = outgoing.take();
                if (frame == END) {
                    return;
                }
                if (frame == GO_AWAY) {
                    session.close(SHUTTING_DOWN);
                    return;
                }
                session.getBasicRemote().sendText(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "writing to a WebSocket failed; the client has left", e);
            end();
        }
    }

    /**
     * The server shuts down: no new streams on this connection; it closes {@code 1001} once the streams it follows
     * have sent their last event (at once when it follows none).
     */
    void goAway() {
        goingAway = true;
        if (subscriptions.isEmpty()) {
            closeWhenWritten();
        }
    }

    int subscriptions() {
        return subscriptions.size();
    }

    /** The frames queued so far are written first; a full queue is a lagging client, closed at once. */
    private void closeWhenWritten() {
        if (!closed && !outgoing.offer(GO_AWAY)) {
            close(SHUTTING_DOWN);
        }
    }

    private boolean overRate() {
        long now = System.nanoTime();
        if (now - windowStart >= 1_000_000_000L) {
            windowStart = now;
            messagesInWindow = 0;
        }
        return ++messagesInWindow > api.settings().maxMessagesPerSecond();
    }

    private void close(CloseReason reason) {
        end();
        // on its own thread: a sender may hold a stream's lock, and closing writes to the network
        Thread.ofVirtual().name("ws-close").start(() -> {
            try {
                session.close(reason);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "closing a WebSocket failed", e);
            }
        });
    }

    /** Every subscription leaves its stream (a disconnect: the detach grace applies); the writer stops. */
    private void end() {
        if (closed) {
            return;
        }
        closed = true;
        WebSocketHeartbeat beat = heartbeat;
        if (beat != null) {
            beat.stop();
        }
        subscriptions.values().forEach(WebSocketEventSink::close);
        subscriptions.clear();
        outgoing.clear();
        outgoing.offer(END);
        api.connections().ended(this);
    }
}
