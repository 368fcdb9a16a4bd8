package vodflow.conformance;

/** Drives the SMQ emulator (and reads the VOD emulator's events) through the official Java MNS SDK. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Env env = Env.fromEnvironment();
        CheckRunner runner = new CheckRunner();
        SmqChecks smq = new SmqChecks(env);
        smq.register(runner);
        int status = runner.run();
        smq.close();
        System.exit(status);
    }
}
