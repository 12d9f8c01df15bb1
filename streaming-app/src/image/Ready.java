import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The image's health check: exit 0 when GET /health/ready answers 200, else 1. The image has no shell and no curl
 * (a smaller attack surface), so the check is this class on the image's own JRE; Kubernetes needs none of it
 * (an httpGet probe), Docker and Compose run it through the image's HEALTHCHECK.
 */
public final class Ready {

    public static void main(String[] args) throws Exception {
        String port = System.getenv().getOrDefault("HTTP_PORT", "8080");
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health/ready").toURL().openConnection();
        connection.setConnectTimeout(2_000);
        connection.setReadTimeout(2_000);
        System.exit(connection.getResponseCode() == 200 ? 0 : 1);
    }
}
