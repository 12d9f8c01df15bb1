package io.llmstream.adapter.llm.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Local upstreams that answer the contract test's scripts in one provider's wire format. */
public final class ContractUpstreams implements AutoCloseable {

    /** Writes one wire format. */
    public interface Wire {
        String contentType();

        String delta(String text);

        String end();

        String error();
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<WireServer> servers = new ArrayList<>();
    private final Wire wire;

    public ContractUpstreams(Wire wire) {
        this.wire = wire;
    }

    public WireServer answering(List<String> deltas) {
        return start(exchange -> {
            exchange.respond(200, wire.contentType());
            for (String delta : deltas) {
                exchange.write(wire.delta(delta));
            }
            exchange.write(wire.end()).finish();
        });
    }

    public WireServer failingAfter(String firstDelta) {
        return start(exchange -> exchange.respond(200, wire.contentType()).write(wire.delta(firstDelta))
                .write(wire.error()).finish());
    }

    public WireServer stallingAfter(String firstDelta) {
        return start(exchange -> {
            exchange.respond(200, wire.contentType()).write(wire.delta(firstDelta));
            exchange.stall(Duration.ofSeconds(10));
        });
    }

    private WireServer start(WireServer.Handler handler) {
        WireServer server = WireServer.start(handler);
        servers.add(server);
        return server;
    }

    @Override
    public void close() {
        servers.forEach(WireServer::close);
    }

    public static String json(Function<ObjectNode, ObjectNode> build) {
        return build.apply(MAPPER.createObjectNode()).toString();
    }

    /** {@code POST /chat/completions} SSE. */
    public static final Wire OPENAI = new Wire() {
        public String contentType() {
            return "text/event-stream";
        }

        public String delta(String text) {
            return "data: " + json(o -> {
                o.putArray("choices").addObject().put("index", 0).putObject("delta").put("content", text);
                return o;
            }) + "\n\n";
        }

        public String end() {
            return "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3}}\n\ndata: [DONE]\n\n";
        }

        public String error() {
            return "data: {\"error\":{\"message\":\"Provider disconnected unexpectedly\",\"code\":\"server_error\"}}\n\n";
        }
    };

    /** {@code POST /v1/messages} SSE. */
    public static final Wire ANTHROPIC = new Wire() {
        public String contentType() {
            return "text/event-stream";
        }

        public String delta(String text) {
            return "event: content_block_delta\ndata: " + json(o -> {
                o.put("type", "content_block_delta").put("index", 0).putObject("delta").put("type", "text_delta")
                        .put("text", text);
                return o;
            }) + "\n\n";
        }

        public String end() {
            return "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                    + "\"usage\":{\"output_tokens\":3}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        }

        public String error() {
            return "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
        }
    };

    /** {@code POST /api/chat} NDJSON. */
    public static final Wire OLLAMA = new Wire() {
        public String contentType() {
            return "application/x-ndjson";
        }

        public String delta(String text) {
            return json(o -> {
                o.put("model", "llama3.2").putObject("message").put("role", "assistant").put("content", text);
                o.put("done", false);
                return o;
            }) + "\n";
        }

        public String end() {
            return "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
                    + "\"done_reason\":\"stop\",\"prompt_eval_count\":5,\"eval_count\":3}\n";
        }

        public String error() {
            return "{\"error\":\"an error was encountered while running the model: unexpected EOF\"}\n";
        }
    };
}
