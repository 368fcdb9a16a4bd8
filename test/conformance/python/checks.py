"""A list of named checks, run in order: one line each, then a count; exit status 1 on any failure."""

import traceback


class CheckFailed(Exception):
    pass


def expect(condition, what):
    if not condition:
        raise CheckFailed(what)


def expect_equal(actual, expected, what):
    if actual != expected:
        raise CheckFailed(f"{what}: expected {expected!r}, got {actual!r}")


def failure_of(run):
    """The exception `run` raises; a check fails when it raises none."""
    try:
        run()
    except Exception as error:  # noqa: BLE001 - the caller inspects whatever the SDK raised
        return error
    raise CheckFailed("expected the call to fail")


class Suite:
    def __init__(self, language):
        self.language = language
        self.checks = []

    def check(self, name):
        def register(function):
            self.checks.append((name, function))
            return function

        return register

    def run(self):
        passed = failed = 0
        for name, function in self.checks:
            try:
                function()
            except Exception as error:  # noqa: BLE001 - any exception is that check's failure
                failed += 1
                detail = str(error) if isinstance(error, CheckFailed) else traceback.format_exc(limit=3)
                print(f"FAIL {name}: {detail}".rstrip(), flush=True)
            else:
                passed += 1
                print(f"ok   {name}", flush=True)
        print(f"{self.language}: {passed} passed, {failed} failed", flush=True)
        return 1 if failed else 0
