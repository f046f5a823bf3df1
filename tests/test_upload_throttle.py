"""The server-wide sign-in throttle: failures count per editor name and per client address, with a clock."""

from __future__ import annotations

import threading

from lib.ui import auth


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_after_five_failures_the_wait_doubles_up_to_the_cap() -> None:
    clock = Clock()
    throttle = auth.Throttle(free=5, base=2.0, cap=30.0, clock=clock)
    keys = auth.throttle_keys("Lan", None)
    waits = []
    for _ in range(9):
        throttle.failed(keys)
        waits.append(throttle.wait(keys))
    assert waits == [0, 0, 0, 0, 2.0, 4.0, 8.0, 16.0, 30.0]
    clock.now += 29.0
    assert throttle.wait(keys) == 1.0
    clock.now += 1.0
    assert throttle.wait(keys) == 0


def test_the_name_is_one_key_whatever_its_case_or_spacing() -> None:
    assert auth.throttle_keys("  Nguyễn  Văn An ", None) == auth.throttle_keys("nguyễn văn an", None)


def test_an_address_trying_many_names_is_throttled_and_another_address_is_not() -> None:
    throttle = auth.Throttle(free=5, clock=Clock())
    for number in range(5):
        throttle.failed(auth.throttle_keys(f"name {number}", "203.0.113.9"))
    assert throttle.wait(auth.throttle_keys("a new name", "203.0.113.9")) == 2.0
    assert throttle.wait(auth.throttle_keys("a new name", "198.51.100.7")) == 0
    assert throttle.wait(auth.throttle_keys("a new name", None)) == 0  # no address: the name alone


def test_failures_are_forgotten_after_the_window_and_a_success_clears_them() -> None:
    clock = Clock()
    throttle = auth.Throttle(free=1, window=900.0, clock=clock)
    keys = auth.throttle_keys("Lan", "203.0.113.9")
    throttle.failed(keys)
    assert throttle.wait(keys) > 0
    clock.now += 901.0
    assert throttle.wait(keys) == 0
    throttle.failed(keys)
    throttle.succeeded(keys)
    assert throttle.wait(keys) == 0


def test_failures_from_many_threads_are_all_counted() -> None:
    throttle = auth.Throttle(free=400, base=1.0, cap=1e6, clock=Clock())
    keys = auth.throttle_keys("Lan", None)

    def fail() -> None:
        for _ in range(50):
            throttle.failed(keys)

    threads = [threading.Thread(target=fail) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert throttle.wait(keys) == 1.0  # 400 failures: exactly the free ones, so the first wait


def test_made_up_names_cannot_grow_the_table_without_bound() -> None:
    clock = Clock()
    throttle = auth.Throttle(max_keys=100, clock=clock)
    for number in range(1_000):
        clock.now += 0.001
        throttle.failed([f"name:{number}"])
    assert len(throttle._failures) <= 100
