package vodflow.conformance;

/** Endpoints, key and the VOD fixture, from the environment the test harness sets. */
record Env(
        String smqEndpoint,
        String accessKeyId,
        String accessKeySecret,
        String vodEventsQueue,
        String videoId) {

    static Env fromEnvironment() {
        return new Env(
                required("SMQ_ENDPOINT"),
                required("ACCESS_KEY_ID"),
                required("ACCESS_KEY_SECRET"),
                required("VOD_EVENTS_QUEUE"),
                required("VIDEO_ID"));
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) throw new IllegalStateException(name + " is not set");
        return value;
    }
}
