import java.io.ByteArrayOutputStream;
import market.udong.lambdas.export.ExportTriggerHandler;

/**
 * Stands in for the Lambda runtime in ExportLambdaJarIT: builds the handler with its runtime
 * constructor (environment only, classes only from the shaded jar) and invokes it once with the
 * event on standard input.
 */
public class RunExportTrigger {
    public static void main(String[] args) throws Exception {
        ExportTriggerHandler handler = new ExportTriggerHandler();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(System.in, response, null);
        System.out.println("RESPONSE " + response);
    }
}
