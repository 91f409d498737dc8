import java.io.ByteArrayOutputStream;
import market.udong.lambdas.dms.ReplicationTaskControlHandler;

/**
 * Stands in for the Lambda runtime in DmsTaskControlJarIT: builds the handler with its runtime
 * constructor (environment only, classes only from the shaded jar) and invokes it once with the
 * CloudFormation event on standard input.
 */
public class RunDmsTaskControl {
    public static void main(String[] args) throws Exception {
        new ReplicationTaskControlHandler().handleRequest(System.in, new ByteArrayOutputStream(), null);
        System.out.println("DONE");
    }
}
