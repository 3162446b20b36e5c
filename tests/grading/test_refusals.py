"""The sandbox's refusals as data: made by the audit hook, checked on the wire, worded once."""

from __future__ import annotations

import os

import pytest

from tutor.grading import feedback, messages
from tutor.grading.child.audit import AuditPolicy, Refused
from tutor.grading.child.calls import describe_exception
from tutor.grading.refusals import Refusal, RefusalKind

FORK = Refusal(RefusalKind.PROCESS, "starting another process (os.fork)")
WRITE = Refusal(RefusalKind.WRITE, "writing /usr/x",
                "your code may only write files in its own working directory")


def test_one_refusal_has_its_three_wordings() -> None:
    assert FORK.error_text == ("blocked by the tutor sandbox: starting another process "
                               "(os.fork) is not allowed")
    assert FORK.stopped == "the sandbox stopped your code from starting another process (os.fork)"
    assert WRITE.sentence == ("writing /usr/x is not allowed (your code may only write files "
                              "in its own working directory)")
    assert WRITE.stopped == ("the sandbox stopped your code from writing /usr/x (your code may "
                             "only write files in its own working directory)")


def test_the_hook_refuses_with_a_kind_and_records_it_once(tmp_path: object) -> None:
    recorded: list[Refusal] = []
    policy = AuditPolicy(str(tmp_path), [], [], recorded.append)
    for _ in range(2):
        with pytest.raises(Refused) as raised:
            policy.hook("os.fork", ())
    assert raised.value.refusal == FORK and str(raised.value) == FORK.error_text
    assert isinstance(raised.value, PermissionError)
    with pytest.raises(Refused) as raised:
        policy.hook("open", ("/usr/x", "w", os.O_WRONLY))
    assert raised.value.refusal == WRITE
    with pytest.raises(Refused) as raised:
        policy.hook("socket.connect", ())
    assert raised.value.refusal.kind is RefusalKind.NETWORK
    assert recorded == [FORK, WRITE, raised.value.refusal]


def test_a_refusal_travels_as_plain_data_checked_by_the_schema() -> None:
    try:
        raise Refused(WRITE)
    except Refused as exc:
        described = describe_exception(exc, "<your code>")
    assert described["type"] == "PermissionError"  # as the learner's code knows it
    assert described["refusal"] == {"kind": "write", "action": "writing /usr/x",
                                    "reason": WRITE.reason}
    load = messages.one({"ev": "load", "exc": described, "refusals": [FORK.to_wire()]})
    assert Refusal.from_wire(load["exc"]["refusal"]) == WRITE
    assert [Refusal.from_wire(r) for r in load["refusals"]] == [FORK]


@pytest.mark.parametrize("refusals", [
    ["starting another process (os.fork) is not allowed"],  # text, not a refusal
    [{"kind": "teleport", "action": "x", "reason": ""}],  # no such kind
    [{"kind": "process", "action": "x" * 401, "reason": ""}],  # too long
    [{"kind": "process", "action": "x"}],  # a field missing
    [{"kind": "process", "action": "x", "reason": "", "extra": 1}],
    [FORK.to_wire()] * 21,  # too many
])
def test_malformed_refusals_are_refused(refusals: list[object]) -> None:
    with pytest.raises(messages.Malformed):
        messages.one({"ev": "done", "stdout": "", "dropped": 0, "refusals": refusals})


def test_lesson_code_refused_is_worded_for_its_author_from_the_data_not_the_text() -> None:
    refused = {"type": "PermissionError", "message": WRITE.error_text, "trace": [],
               "refusal": WRITE.to_wire()}
    assert feedback.lesson_exception(refused, "the generator", " on case 2") == (
        "the generator raised PermissionError on case 2: blocked by the tutor sandbox: "
        "writing /usr/x is not allowed (the generator may only write files in its own "
        "working directory)")
    # the same words raised by the code itself are its own message, left as they are
    forged = {"type": "PermissionError", "message": WRITE.error_text, "trace": []}
    assert feedback.lesson_exception(forged, "the generator").endswith(WRITE.error_text)
