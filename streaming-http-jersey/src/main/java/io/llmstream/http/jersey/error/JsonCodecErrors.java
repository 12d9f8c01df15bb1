package io.llmstream.http.jersey.error;

import io.llmstream.http.jersey.json.Fields;
import java.io.IOException;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Answers requests Grizzly's codec cannot parse (request line, header syntax or size, HTTP version, ambiguous body
 * framing) with the JSON error body instead of an empty one. Grizzly builds that answer before any handler runs, so its
 * codec filter is replaced by one configured the same way whose error response carries the body.
 */
public final class JsonCodecErrors implements AddOn {

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder chain) {
        int index = chain.indexOfType(HttpServerFilter.class);
        if (index < 0) {
            return;
        }
        HttpServerFilter original = (HttpServerFilter) chain.get(index);
        JsonErrorCodec codec = new JsonErrorCodec(listener);
        codec.setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
        codec.setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
        for (var encoding : original.getContentEncodings()) {
            codec.addContentEncoding(encoding);
        }
        chain.set(index, codec);
    }

    private static final String PROBLEM = "io.llmstream.codec-problem";
    public static final String UNSUPPORTED_VERSION = "this HTTP version is not supported; send HTTP/1.1";

    private static final class JsonErrorCodec extends HttpServerFilter {
        private final int maxHeaderBytes;

        @SuppressWarnings("deprecation")
        JsonErrorCodec(NetworkListener listener) {
            // as HttpServer#configureListener builds it: idle connections are the IdleTimeoutFilter's job
            super(listener.isChunkingEnabled(), headerLimit(listener), null, listener.getKeepAlive(), null,
                    listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
            this.maxHeaderBytes = headerLimit(listener);
        }

        private static int headerLimit(NetworkListener listener) {
            return listener.getMaxHttpHeaderSize() == -1 ? DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE : listener.getMaxHttpHeaderSize();
        }

        /**
         * Both {@code Content-Length} and a chunked {@code Transfer-Encoding}: the shape of request smuggling
         * (RFC 9112 §6.3), refused rather than resolved. Grizzly drops a length read before the encoding, so its
         * parsing state, still intact here, is asked too.
         */
        @Override
        protected boolean onHttpHeaderParsed(HttpHeader header, Buffer buffer, FilterChainContext ctx) {
            boolean error = super.onHttpHeaderParsed(header, buffer, ctx);
            if (!error && header instanceof HttpRequestPacket request && request.isChunked()
                    && (request.getHeaders().contains(Header.ContentLength)
                            || ((HttpPacketParsing) request).getHeaderParsingState().contentLengthHeadersCount > 0)) {
                request.setAttribute(PROBLEM, "a request must not carry both Content-Length and Transfer-Encoding");
                return true;
            }
            return error;
        }

        /**
         * A header name is a token (RFC 9110 §5.1). Grizzly reads on to the next colon whatever comes, so a header
         * line without one would leave the request unanswered until the connection idles out.
         */
        @Override
        protected boolean parseHeaderName(HttpHeader header, MimeHeaders headers, HeaderParsingState state, byte[] input,
                int end) {
            int limit = Math.min(end, state.arrayOffset + state.packetLimit);
            requireName(state.offset == state.start && state.arrayOffset + state.offset < limit
                    && input[state.arrayOffset + state.offset] == ':');
            for (int i = state.arrayOffset + state.offset; i < limit && input[i] != ':'; i++) {
                requireToken(input[i]);
            }
            return super.parseHeaderName(header, headers, state, input, end);
        }

        @Override
        protected boolean parseHeaderName(HttpHeader header, MimeHeaders headers, HeaderParsingState state, Buffer input) {
            int limit = Math.min(input.limit(), state.packetLimit);
            requireName(state.offset == state.start && state.offset < limit && input.get(state.offset) == ':');
            for (int i = state.offset; i < limit && input.get(i) != ':'; i++) {
                requireToken(input.get(i));
            }
            return super.parseHeaderName(header, headers, state, input);
        }

        private static void requireName(boolean empty) {
            if (empty) {
                throw new IllegalStateException("a header name must not be empty");
            }
        }

        private static void requireToken(byte b) {
            boolean token = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
            if (!token) {
                throw new IllegalStateException("a header name may contain only token characters");
            }
        }

        @Override
        protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable t) throws IOException {
            String problem = t == null || t.getMessage() == null ? "" : t.getMessage();
            if (problem.contains("too large") && header instanceof HttpRequestPacket request) {
                // Grizzly's own spelling: "HTTP packet intial line is too large"
                boolean line = problem.contains("intial line") || problem.contains("initial line");
                request.getResponse().setStatus(line ? 414 : 431);
                request.getResponse().setReasonPhrase(line ? "URI Too Long" : "Request Header Fields Too Large");
            }
            super.onHttpHeaderError(header, ctx, t);
        }

        @Override
        protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
            if (response.getStatus() == 505) {
                // an unknown version is a request line this server cannot parse: a client error, not a 5xx
                response.setStatus(400);
                response.setReasonPhrase("Bad Request");
                response.getRequest().setAttribute(PROBLEM, UNSUPPORTED_VERSION);
            }
            if (response.getRequest() != null && response.getRequest().getProtocol() == Protocol.HTTP_0_9) {
                // Grizzly would answer "HTTP/0.9" without headers, so without the body's Content-Type
                response.getRequest().setProtocol(Protocol.HTTP_1_1);
                response.setProtocol(Protocol.HTTP_1_1);
            }
            int status = response.getStatus();
            Object problem = response.getRequest() == null ? null : response.getRequest().getAttribute(PROBLEM);
            byte[] body = ErrorBody.json(status, problem instanceof String text ? text : message(status));
            response.setContentType("application/json");
            response.setContentLength(body.length);
            return HttpContent.builder(response).content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
                    .last(true).build();
        }

        private String message(int status) {
            return switch (status) {
                case 414, 431 -> "the request line and headers must be at most " + maxHeaderBytes + " bytes together";
                default -> "the request could not be parsed: its request line, a header or the framing of its body "
                        + "is malformed";
            };
        }
    }
}
