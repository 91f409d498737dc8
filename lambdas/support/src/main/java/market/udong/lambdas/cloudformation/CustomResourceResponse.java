package market.udong.lambdas.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The answer a custom-resource function gives CloudFormation: a PUT of the response document to
 * the request's pre-signed {@code ResponseURL}. Every platform function behind a custom resource
 * (DMS task control, Kafka topics, deployed source configs) answers through this one class.
 *
 * @param status     {@link Status#SUCCESS} or {@link Status#FAILED}
 * @param reason     shown on the stack event; cut to {@value #MAX_REASON} characters (the whole response may be 4 KB)
 * @param physicalId the resource's physical id; a new one makes CloudFormation delete the old resource
 */
public record CustomResourceResponse(Status status, String reason, String physicalId) {

    /** How the request ended. */
    public enum Status { SUCCESS, FAILED }

    /** CloudFormation accepts a response of up to 4 KB; the reason keeps well inside it. */
    public static final int MAX_REASON = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    public CustomResourceResponse {
        reason = reason == null ? "" : reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }

    public static CustomResourceResponse success(String reason, String physicalId) {
        return new CustomResourceResponse(Status.SUCCESS, reason, physicalId);
    }

    public static CustomResourceResponse failed(String reason, String physicalId) {
        return new CustomResourceResponse(Status.FAILED, reason, physicalId);
    }

    /** The response document for {@code request} (the custom-resource event CloudFormation sent). */
    public byte[] body(JsonNode request) {
        ObjectNode body = JSON.createObjectNode()
                .put("Status", status.name())
                .put("Reason", reason)
                .put("PhysicalResourceId", physicalId)
                .put("StackId", request.path("StackId").asText())
                .put("RequestId", request.path("RequestId").asText())
                .put("LogicalResourceId", request.path("LogicalResourceId").asText());
        body.putObject("Data");
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends the response to the request's {@code ResponseURL} and returns the document sent.
     *
     * @throws UncheckedIOException when the URL cannot be reached or refuses the answer; CloudFormation
     *                              then waits for its timeout and fails the resource
     */
    public byte[] sendFor(JsonNode request) {
        byte[] body = body(request);
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(request.path("ResponseURL").asText()).toURL().openConnection();
            c.setRequestMethod("PUT");
            c.setDoOutput(true);
            // The pre-signed URL is signed without a content type, so none may be sent.
            c.setRequestProperty("Content-Type", "");
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int code = c.getResponseCode();
            if (code / 100 != 2) {
                byte[] error = c.getErrorStream() == null ? new byte[0] : c.getErrorStream().readAllBytes();
                throw new IOException("CloudFormation refused the response: HTTP " + code + " "
                        + new String(error, StandardCharsets.UTF_8));
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("could not send the custom resource response", e);
        }
    }
}
