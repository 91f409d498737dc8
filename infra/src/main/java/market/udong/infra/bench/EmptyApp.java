package market.udong.infra.bench;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/**
 * The baseline of the synth benchmark ({@code bin/bench synth}): a CDK app with one empty stack,
 * started the same way as the platform app. Its cost is the floor any CDK Java app pays
 * (JVM start, jsii runtime start, one synth).
 */
public final class EmptyApp {
    private EmptyApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new Stack(app, "Empty");
        app.synth();
    }
}
