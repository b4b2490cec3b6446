"""Work in a second process (handbook/background.py): its answer, its failure, its death."""

import os
import time

import pytest

from handbook.background import Background, BackgroundFailed


def pid_and_sum(*numbers):
    return os.getpid(), sum(numbers)


def fails():
    raise ValueError("a page could not be read")


def dies():
    os._exit(3)


def test_the_answer_comes_back_from_another_process():
    pid, total = Background(pid_and_sum, 1, 2, 3).result()
    assert total == 6
    if (os.cpu_count() or 1) >= 2:
        assert pid != os.getpid()


def test_a_failure_in_the_other_process_is_raised_with_its_traceback():
    with pytest.raises(BackgroundFailed, match="ValueError: a page could not be read"):
        Background(fails).result()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the work runs in this process")
def test_a_process_that_dies_says_so_instead_of_hanging():
    with pytest.raises(BackgroundFailed, match="exit code 3"):
        Background(dies).result()


def waits_for(path):
    while not os.path.exists(path):
        time.sleep(0.01)
    return "done"


def test_ready_says_whether_the_answer_has_come_without_waiting(tmp_path):
    """The build checks a language's pages while the next ones render and takes the answers
    that have come (handbook.plugin): ready() must not wait, nor say yes too early."""
    go = tmp_path / "go"
    if (os.cpu_count() or 1) < 2:
        go.touch()  # one core: the work is done at once, in this process
    work = Background(waits_for, str(go))
    if work.forked:
        assert not work.ready()
        go.touch()
        deadline = time.monotonic() + 10
        while not work.ready() and time.monotonic() < deadline:
            time.sleep(0.01)
    assert work.ready()
    assert work.result() == "done"
