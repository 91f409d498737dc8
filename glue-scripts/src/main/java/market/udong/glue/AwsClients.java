package market.udong.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS clients of one job run (Glue Data Catalog, Secrets Manager), built once with an
 * explicit region and the URL-connection HTTP client. On Glue the job role's credentials are
 * found by the default chain; against a local endpoint, fixed local credentials are used.
 */
public final class AwsClients implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SdkHttpClient http;
    private final GlueClient glue;
    private final SecretsManagerClient secrets;

    /** @param endpoint a local stand-in for every service (tests, local runs); empty on AWS */
    public AwsClients(String region, Optional<URI> endpoint) {
        this.http = UrlConnectionHttpClient.create();
        AwsCredentialsProvider credentials = endpoint.isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
        var glueBuilder = GlueClient.builder().region(Region.of(region)).httpClient(http).credentialsProvider(credentials);
        var secretsBuilder = SecretsManagerClient.builder().region(Region.of(region)).httpClient(http)
                .credentialsProvider(credentials);
        endpoint.ifPresent(e -> {
            glueBuilder.endpointOverride(e);
            secretsBuilder.endpointOverride(e);
        });
        this.glue = glueBuilder.build();
        this.secrets = secretsBuilder.build();
    }

    public GlueClient glue() {
        return glue;
    }

    /** The secret's {@code SecretString}. */
    public String secretString(String secretId) {
        return secrets.getSecretValue(r -> r.secretId(secretId)).secretString();
    }

    /**
     * Reads a database secret in the RDS format: JSON with {@code username} and {@code password}, and
     * the {@code host} and {@code port} of the database where the secret names them (the platform's
     * read-only secrets do).
     *
     * @return {username, password, host or null, port or null}
     */
    public String[] databaseCredentials(String secretId) {
        try {
            JsonNode node = JSON.readTree(secretString(secretId));
            JsonNode user = node.get("username");
            JsonNode password = node.get("password");
            if (user == null || password == null) {
                throw new IllegalStateException("secret " + secretId + " needs 'username' and 'password' fields");
            }
            return new String[] {user.asText(), password.asText(), node.path("host").asText(null),
                node.hasNonNull("port") ? node.get("port").asText() : null};
        } catch (IOException e) {
            throw new IllegalStateException("secret " + secretId + " is not JSON with username and password", e);
        }
    }

    @Override
    public void close() {
        glue.close();
        secrets.close();
        http.close();
    }
}
