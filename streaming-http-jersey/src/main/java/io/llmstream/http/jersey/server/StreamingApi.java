package io.llmstream.http.jersey.server;

import io.llmstream.http.jersey.ConnectionLimits;
import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.WebSocketSettings;
import io.llmstream.http.jersey.error.ErrorMappers;
import io.llmstream.http.jersey.error.ErrorsAsJson;
import io.llmstream.http.jersey.json.JsonBodyWriter;
import io.llmstream.http.jersey.resource.ArtifactsResource;
import io.llmstream.http.jersey.resource.AudioStreamResource;
import io.llmstream.http.jersey.resource.CharactersResource;
import io.llmstream.http.jersey.resource.ChatStreamResource;
import io.llmstream.http.jersey.resource.ChatsResource;
import io.llmstream.http.jersey.resource.ConversationsResource;
import io.llmstream.http.jersey.resource.OperationsResources;
import io.llmstream.http.jersey.resource.ReadinessCheck;
import io.llmstream.http.jersey.resource.StreamsResource;
import io.llmstream.http.jersey.security.Authenticator;
import io.llmstream.http.jersey.security.CallerFilter;
import io.llmstream.http.jersey.security.Cors;
import io.llmstream.http.jersey.security.RateLimiter;
import io.llmstream.http.jersey.wire.SseStreams;
import io.llmstream.http.jersey.wire.StreamSlots;
import io.llmstream.http.jersey.wire.WebSocketEndpoint;
import io.llmstream.core.usecase.StreamingCore;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;

/**
 * The HTTP API of the streaming service as a Jersey application, ready to hand to a container:
 *
 * <pre>{@code
 * ResourceConfig api = StreamingApi.builder(core)
 *         .settings(HttpSettings.defaults())
 *         .authenticator(Authenticator.localUser())
 *         .readiness(() -> Map.of("database", db.isReachable()))
 *         .metrics(prometheusRegistry::scrape)
 *         .build();
 * HttpServer server = StreamingApi.grizzlyServer(URI.create("http://127.0.0.1:8080/"), api);
 * server.start();
 * }</pre>
 *
 * The resources depend on the core's use-case interfaces ({@code io.llmstream.core.port.in}) only; the core is
 * where this builder takes them from. The container must be rooted at {@code /}: the API lives under {@link HttpSettings#basePath()}, while
 * {@code /health/live}, {@code /health/ready}, {@code /metrics} and {@code /openapi.json} stay at the root.
 * Each stream runs on its own virtual thread; the container's worker threads are never held by a stream.
 */
public final class StreamingApi {

    private StreamingApi() {
    }

    public static Builder builder(StreamingCore core) {
        return new Builder(core);
    }

    /**
     * A Grizzly server for the API, not yet started, rooted at {@code /} of {@code uri}, with the default connection
     * limits ({@link GrizzlyServer#create} says what it adds to Grizzly; pass limits of one's own there).
     */
    public static HttpServer grizzlyServer(URI uri, ResourceConfig api) {
        return GrizzlyServer.create(uri, api, ConnectionLimits.defaults(HttpSettings.defaults()));
    }

    /** Collects the API's collaborators; only the core is required. */
    public static final class Builder {
        private final StreamingCore core;
        private HttpSettings settings = HttpSettings.defaults();
        private Authenticator authenticator = Authenticator.localUser();
        private RateLimiter rateLimiter = RateLimiter.UNLIMITED;
        private ReadinessCheck readiness = ReadinessCheck.ALWAYS_READY;
        private Supplier<String> metrics;
        private WebSocketSettings webSocket = WebSocketSettings.defaults();
        private List<String> corsAllowedOrigins = List.of();

        private Builder(StreamingCore core) {
            this.core = Objects.requireNonNull(core, "core is required");
            if (!core.complete()) {
                throw new IllegalArgumentException("the HTTP API serves every use case: build the core with characters, dialogues, "
                        + "knowledgeDocuments and knowledgeBase as well");
            }
        }

        /** Default {@link HttpSettings#defaults()}. */
        public Builder settings(HttpSettings value) {
            this.settings = Objects.requireNonNull(value, "settings is required");
            return this;
        }

        /** Default {@link Authenticator#localUser()}. */
        public Builder authenticator(Authenticator value) {
            this.authenticator = Objects.requireNonNull(value, "authenticator is required");
            return this;
        }

        /** Default {@link RateLimiter#UNLIMITED}. */
        public Builder rateLimiter(RateLimiter value) {
            this.rateLimiter = Objects.requireNonNull(value, "rateLimiter is required");
            return this;
        }

        /** Default {@link ReadinessCheck#ALWAYS_READY}. */
        public Builder readiness(ReadinessCheck value) {
            this.readiness = Objects.requireNonNull(value, "readiness is required");
            return this;
        }

        /** The Prometheus text served at {@code /metrics}, produced per scrape; without it {@code /metrics} answers 404. */
        public Builder metrics(Supplier<String> value) {
            this.metrics = Objects.requireNonNull(value, "metrics is required");
            return this;
        }

        /** Default {@link WebSocketSettings#defaults()}; the endpoint {@code <base>/v1/ws} is served by {@link GrizzlyServer}. */
        public Builder webSocket(WebSocketSettings value) {
            this.webSocket = Objects.requireNonNull(value, "webSocket is required");
            return this;
        }

        /**
         * Origins whose pages may call the API from a browser (CORS); default none, i.e. the server's own origin only.
         * {@code *} allows every origin. Preflights are answered before authentication; {@code X-Stream-Id} and
         * {@code Content-Location} are exposed.
         */
        public Builder corsAllowedOrigins(List<String> origins) {
            this.corsAllowedOrigins = List.copyOf(Objects.requireNonNull(origins, "origins is required"));
            return this;
        }

        public ResourceConfig build() {
            SseStreams streams = new SseStreams(settings.heartbeatInterval(),
                    new StreamSlots(core.streamAdmission(), settings.maxStreamsPerOwner(), settings.maxStreams()), settings.basePath());
            ResourceConfig config = new ResourceConfig();
            config.setApplicationName("llmstream");
            config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE_SERVER, true);
            config.property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE_SERVER, true);
            config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
            config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
            config.property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
            config.register(MultiPartFeature.class);
            config.register(new JsonBodyWriter());
            config.register(new GrizzlyRequestProperty());
            config.register(new ErrorMappers.Api());
            config.register(new ErrorMappers.Authentication());
            config.register(new ErrorMappers.Store());
            config.register(ErrorMappers.Web.class);
            config.register(new ErrorMappers.Unexpected());
            config.register(new BodyLimit(settings));
            config.register(new ContentTypeRequired());
            config.register(new ErrorsAsJson());
            config.register(new SuspendedRequestsClose());
            config.register(new Cors(corsAllowedOrigins));
            config.register(new CallerFilter(authenticator, rateLimiter, settings));
            config.register(new CharactersResource(core.characters(), settings));
            config.register(new ArtifactsResource(core.knowledge(), settings));
            config.register(new ConversationsResource(core.conversations(), core.streamConversationMessage(),
                    core.answerConversationMessage(), core.followStream(), core.controlStream(), settings, streams));
            config.register(new ChatsResource(core.chats(), core.controlStream(), settings));
            config.register(new StreamsResource(core.followStream(), core.controlStream(), core.streamConversationAudio(), streams));
            config.register(new ChatStreamResource(core.streamChatMessage(), core.followStream(), settings, streams));
            config.register(new AudioStreamResource(core.streamConversationAudio(), settings, streams));
            // not a JAX-RS component: the container (GrizzlyServer) puts it on its listener, sharing the stream caps
            config.property(WebSocketEndpoint.PROPERTY, new WebSocketEndpoint(core.streamChatMessage(),
                    core.streamConversationMessage(), core.followStream(), core.streamConversationAudio(), core.controlStream(), authenticator,
                    rateLimiter, streams, settings, webSocket));
            // the streams' heartbeat timer lives as long as the application: Jersey shuts it down with the container
            config.property(SseStreams.PROPERTY, streams);
            config.register(new ContainerLifecycleListener() {
                @Override
                public void onStartup(Container container) {
                }

                @Override
                public void onReload(Container container) {
                }

                @Override
                public void onShutdown(Container container) {
                    streams.close();
                }
            });
            config.register(new OperationsResources.Health(readiness));
            config.register(new OperationsResources.Metrics(metrics));
            config.register(new OperationsResources.OpenApi(settings));
            config.register(new BasePath(settings.basePath(), Set.of(CharactersResource.class, ArtifactsResource.class,
                    ConversationsResource.class, ChatsResource.class, ChatStreamResource.class,
                    AudioStreamResource.class, StreamsResource.class)));
            return config;
        }
    }
}
