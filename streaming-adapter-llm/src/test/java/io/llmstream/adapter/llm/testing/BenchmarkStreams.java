package io.llmstream.adapter.llm.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** A realistic OpenAI chat-completions stream for the benchmarks: one token-sized delta per event. */
public final class BenchmarkStreams {

    private static final String[] WORDS = {" the", " stream", " of", " tokens", " arrives", " in", " small", " pieces",
        ",", " Künstliche", " Intelligenz", " 🤖", " and", " each", " one", " is", " a", " JSON", " chunk", "."};

    private BenchmarkStreams() {
    }

    /** About {@code targetBytes} of {@code data: {chunk}\n\n} events ending with a usage chunk and [DONE]. */
    public static byte[] openAi(int targetBytes) {
        ObjectMapper mapper = new ObjectMapper();
        Random random = new Random(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(targetBytes + 1024);
        while (out.size() < targetBytes) {
            ObjectNode chunk = mapper.createObjectNode().put("id", "chatcmpl-AOt8xkQm3YbJ9tX2vXq1nQ0fF3dHk")
                    .put("object", "chat.completion.chunk").put("created", 1730302112)
                    .put("model", "gpt-4o-mini-2024-07-18").put("system_fingerprint", "fp_0ba0d124f1");
            ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
            choice.putObject("delta").put("content", WORDS[random.nextInt(WORDS.length)]);
            choice.putNull("logprobs");
            choice.putNull("finish_reason");
            out.writeBytes(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("data: {\"id\":\"chatcmpl-AOt8xkQm3YbJ9tX2vXq1nQ0fF3dHk\",\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"stop\"}]}\n\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":19,"
                + "\"completion_tokens\":4000}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
