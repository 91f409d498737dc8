import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for the Lambda Java runtime in the modules' jar tests (market.udong.core.testing.LambdaJar):
 * builds the handler named in args[0] with its no-argument constructor, reads one event from standard
 * input, turns it into args[1] with the runtime's own serialization library (or passes the bytes to a
 * stream handler), invokes it once and prints {@code RESPONSE <json>}.
 */
public class RunHandler {
    public static void main(String[] args) throws Exception {
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        byte[] event = System.in.readAllBytes();
        Context context = new RunContext();
        if ("stream".equals(args[1])) {
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            ((RequestStreamHandler) handler).handleRequest(new java.io.ByteArrayInputStream(event), response, context);
            System.out.println("RESPONSE " + response.toString(StandardCharsets.UTF_8));
            return;
        }
        Class<?> eventType = Class.forName(args[1]);
        Object input;
        if (eventType.getPackageName().equals("com.amazonaws.services.lambda.runtime.events")) {
            input = events(eventType, event);
        } else {
            // Plain types (a Map of the event's JSON): the runtime's POJO serialization, which Jackson matches.
            input = new com.fasterxml.jackson.databind.ObjectMapper().readValue(event, eventType);
        }
        @SuppressWarnings("unchecked")
        Object response = ((RequestHandler<Object, Object>) handler).handleRequest(input, context);
        System.out.println("RESPONSE " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(response));
    }

    /** An event class read the way the runtime reads it, with its own serialization library. */
    private static Object events(Class<?> eventType, byte[] event) throws Exception {
        Class<?> serializers = Class.forName("com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers");
        Object serializer = serializers.getMethod("serializerFor", Class.class, ClassLoader.class)
                .invoke(null, eventType, RunHandler.class.getClassLoader());
        Method fromJson = serializer.getClass().getMethod("fromJson", String.class);
        fromJson.setAccessible(true);
        return fromJson.invoke(serializer, new String(event, StandardCharsets.UTF_8));
    }

    /** The parts of the runtime's context the platform's handlers read. */
    static final class RunContext implements Context {
        private final long deadline = System.currentTimeMillis() + 60_000;

        public String getAwsRequestId() { return "jar-test-request"; }
        public String getLogGroupName() { return "/aws/lambda/jar-test"; }
        public String getLogStreamName() { return "jar-test"; }
        public String getFunctionName() { return "jar-test"; }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:ap-northeast-2:111111111111:function:jar-test"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return (int) (deadline - System.currentTimeMillis()); }
        public int getMemoryLimitInMB() { return 512; }
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) { System.out.print(message); }
                public void log(byte[] message) { System.out.write(message, 0, message.length); }
            };
        }
    }
}
