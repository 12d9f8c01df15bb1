package io.llmstream.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Starts the server from the environment (and the optional configuration file); SIGTERM stops it gracefully. */
public final class Main {

    /** The JDK HttpClient's per-connection buffer size, read once when the first client is created. */
    static final String HTTP_CLIENT_BUFFER_PROPERTY = "jdk.httpclient.bufsize";
    static final int HTTP_CLIENT_BUFFER_BYTES = 4096;

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        // the JDK HttpClient keeps a read buffer of this size per open connection (16 KiB by default), i.e. per
        // running stream; answers arrive in events of a few hundred bytes. An explicit -D setting wins.
        if (System.getProperty(HTTP_CLIENT_BUFFER_PROPERTY) == null) {
            System.setProperty(HTTP_CLIENT_BUFFER_PROPERTY, Integer.toString(HTTP_CLIENT_BUFFER_BYTES));
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Logger log = LoggerFactory.getLogger(Main.class);
        AppConfig config;
        try {
            config = ConfigLoader.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println("llmstream: invalid configuration: " + e.getMessage());
            System.err.println("llmstream: every key, its default and its environment variable: docs/configuration.md");
            System.exit(2);
            return;
        }
        StreamingServer server;
        try {
            server = StreamingServer.start(config);
        } catch (RuntimeException e) {
            log.error("llmstream could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            // a JVM ended by SIGTERM exits with 143 unless told otherwise; a clean shutdown is success
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
    }
}
