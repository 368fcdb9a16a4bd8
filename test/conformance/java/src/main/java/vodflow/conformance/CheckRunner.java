package vodflow.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Named checks run in order: one line each, then "java: N passed, N failed". */
final class CheckRunner {
    interface Check {
        void run() throws Exception;
    }

    static final class CheckFailed extends RuntimeException {
        CheckFailed(String message) {
            super(message);
        }
    }

    private record Named(String name, Check check) {}

    private final List<Named> checks = new ArrayList<>();

    void add(String name, Check check) {
        checks.add(new Named(name, check));
    }

    static void expect(boolean condition, String what) {
        if (!condition) throw new CheckFailed(what);
    }

    static void expectEqual(Object actual, Object expected, String what) {
        if (!Objects.equals(actual, expected)) {
            throw new CheckFailed(what + ": expected " + expected + ", got " + actual);
        }
    }

    /** The exception `check` throws; fails when it throws none. */
    static Exception failureOf(Check check) {
        try {
            check.run();
        } catch (Exception error) {
            return error;
        }
        throw new CheckFailed("expected the call to fail");
    }

    int run() {
        int passed = 0;
        int failed = 0;
        for (Named named : checks) {
            try {
                named.check().run();
                passed++;
                System.out.println("ok   " + named.name());
            } catch (Exception | AssertionError error) {
                failed++;
                System.out.println("FAIL " + named.name() + ": " + error);
            }
        }
        System.out.println("java: " + passed + " passed, " + failed + " failed");
        System.out.flush();
        return failed == 0 ? 0 : 1;
    }
}
