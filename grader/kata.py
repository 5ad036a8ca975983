"""``Kata``: what a check uses to grade one exercise, differentially and out of the learner's reach.

Each side (the learner's file, the reference, a known mistake) lives in its own worker process;
a check asks both sides the same question and this module compares the answers in the grader's
process. A failure becomes a ``Mismatch`` whose text is the message the learner reads.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import torch
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import strategies as st

from grader import catalogue, messages
from grader.compare import Difference, Tolerance, first_difference
from grader.diagnosis import Evidence, Seen, diagnose
from grader.mistakes import MISTAKES, Variant, as_override
from grader.sandbox.backends import Backend, Sandbox
from grader.sandbox.host import STARTUP_TIMEOUT, Worker, WorkerDied, WorkerOutOfMemory
from grader.sandbox.host import WorkerTimeout
from grader.sandbox.spec import SideSpec
from grader.sandbox.wire import Facts
from grader.settings import Settings
from grader.verdicts import Broken, Mismatch, NotStarted, TimedOut, Verdict

MAX_EXAMPLES = 25
REFERENCE_TIMEOUT = 120.0
MEMORY_WATCHED = ("this platform cannot cap a worker's address space (RLIMIT_AS), so the grader "
                  "watches each worker's memory from outside and stops it at the same limit; "
                  "verdicts are the same")
TIMEOUT_SCALE_VARIABLE = "PYTORCH101_TIMEOUT_SCALE"
"""Multiplies every exercise's time limit (tests use small limits; slow machines large ones)."""


@dataclass
class Outcome:
    """What one side did with one call: its result, its arguments afterwards, or its error."""

    value: Any = None
    args: list[Any] = field(default_factory=list)
    kwargs: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, Facts] = field(default_factory=dict)
    error: dict[str, Any] | None = None
    output: str = ""
    memory: dict[str, Any] = field(default_factory=dict)
    """Per tensor argument: the memory it had before the call, as it is after the call."""
    warnings: list[str] = field(default_factory=list)
    """Warnings the code raised from its own lines."""


class Side:
    """One side of the comparison: a lazily started worker holding its file.

    The learner's side has a worker of its own, started for this check. Trusted sides (the
    reference, the known mistakes) share one worker per grading run, kept in ``shared``: each is
    loaded into it once, under its own key, so a check costs two workers however many mistakes
    its diagnosis tries, and each next check finds the reference's worker already started.
    """

    def __init__(self, spec: SideSpec, backend: Backend,
                 note: Callable[[str], None] = lambda text: None,
                 shared: dict[str, Worker] | None = None) -> None:
        self.spec = spec
        self.backend = backend
        self.note = note
        self.shared = shared
        self.key = ":".join([spec.role, spec.file, *(spec.override or ())])
        self.worker: Worker | None = None

    def launch(self) -> None:
        """Start the worker (or find the shared one), without waiting for it."""
        if self.worker is not None and self.worker.alive:
            return
        found = self.shared.get("worker") if self.shared is not None else None
        if found is not None and found.alive:
            self.worker = found
            return
        self.worker = Worker(self.spec, self.backend)
        self.worker.launch(self.key)
        if self.shared is not None:
            self.shared["worker"] = self.worker

    def wait_ready(self) -> None:
        """Wait until the worker has started: the grader's time (a spawned interpreter importing
        torch), never charged to the learner."""
        self.launch()
        if not self.worker.is_ready:
            self.worker.ready(time.monotonic() + STARTUP_TIMEOUT)

    def start(self, deadline: float) -> None:
        """Start the worker and wait until it has loaded the file, unless that is done already."""
        self.wait_ready()
        if self.key in self.worker.keys:
            return
        if self.worker.loading != self.key:
            self.worker.load(self.spec, self.key)
        report = self.worker.loaded(deadline)
        if not report["ok"]:
            if self.shared is None:
                self.close()
            raise _LoadFailed(report["error"], report.get("forbidden", []))
        if self.worker.memory_guard == "watchdog":
            self.note(MEMORY_WATCHED)

    def send(self, target: str, args: tuple, kwargs: dict, probe: Callable | None,
             seed: int | None, deadline: float) -> None:
        """Ask for one call; ``receive`` gets its outcome."""
        self.start(deadline)
        request = {"target": target, "args": args, "kwargs": kwargs, "probe": probe,
                   "seed": seed, "side": self.key}
        self.worker.send(request)

    def receive(self, deadline: float) -> Outcome:
        reply = self.worker.receive(deadline)
        message = reply.message
        if message.get("forbidden"):
            raise _Forbidden(message["forbidden"])
        if not message["ok"]:
            return Outcome(error=message["error"], output=reply.output)
        memory = message.get("memory") if isinstance(message.get("memory"), dict) else {}
        warned = [w for w in message.get("warnings") or [] if isinstance(w, str)]
        return Outcome(message["value"], message["args"], message["kwargs"], message["facts"],
                       None, reply.output, memory, warned)

    def close(self) -> None:
        """Stop the worker (a shared one too: this is called when it timed out or broke)."""
        if self.worker is not None:
            self.worker.close()
            if self.shared is not None and self.shared.get("worker") is self.worker:
                del self.shared["worker"]
            self.worker = None

    def release(self) -> None:
        """The check is over: stop the side's own worker; a shared one stays for the next."""
        if self.shared is None:
            self.close()
        self.worker = None


@dataclass
class _Pending:
    """A call sent to a side whose outcome has not been read yet."""

    side_name: str
    side: Side
    target: str
    kwargs: dict[str, Any]
    probe: Callable | None
    charged_from: float
    """The learner's time budget has been charged up to this moment (time.monotonic)."""
    deadline: float


class _LoadFailed(Exception):
    def __init__(self, error: dict[str, Any], forbidden: list[str]) -> None:
        super().__init__(error["message"])
        self.error, self.forbidden = error, forbidden


class _Forbidden(Exception):
    def __init__(self, paths: list[str]) -> None:
        super().__init__(paths[0])
        self.paths = paths


class Kata:
    """Grades one exercise: the ``kata`` fixture of every check."""

    def __init__(self, exercise: Any, config: Settings, tmp_path: Path, gpu: bool = False,
                 sandbox: Sandbox | None = None) -> None:
        self.exercise = exercise
        self.config = config
        self.tmp_path = tmp_path
        self.gpu = gpu
        self.sandbox = sandbox if sandbox is not None else Sandbox()
        self._own_sandbox = sandbox is None
        self.timeout = exercise.timeout * float(os.environ.get(TIMEOUT_SCALE_VARIABLE, "1"))
        self.budget = self.timeout
        self._sides: dict[str, Side] = {}
        self._last_failure: Mismatch | None = None
        self._evidence = Evidence()
        self.warnings: dict[str, None] = {}
        """Warnings the learner's code raised from its own lines, in order (shown with the
        verdict, passed or not)."""

    # -- the API checks use -----------------------------------------------------------------
    def compare(self, target: str, inputs: st.SearchStrategy[dict[str, Any]] | dict[str, Any],
                *, probe: Callable | None = None, rtol: float | dict | None = None,
                atol: float | dict | None = None, exact: bool = False, aliasing: bool = True,
                examples: Iterable[dict[str, Any]] = (), max_examples: int | None = None,
                notes: dict[str, str] | None = None, seed: int | None = 0) -> None:
        """Compare learner and reference on drawn inputs; raise a Mismatch on the first difference.

        See docs/writing-checks.md for every option.
        """
        tol = Tolerance(rtol, atol, exact)
        reference_errors: list[dict[str, Any] | None] = []
        self._evidence = Evidence()

        def check(kwargs: dict[str, Any]) -> None:
            reference_errors.append(
                self._compare_once(target, kwargs, probe, tol, aliasing, notes or {}, seed))

        try:
            first_failure = None
            for example in examples:  # all of them, even after a failure: evidence for naming
                try:
                    check(example)
                except Mismatch as failure:
                    first_failure = first_failure or failure
            if first_failure is not None:
                raise first_failure
            if isinstance(inputs, dict):
                check(inputs)
            else:
                self._explore(inputs, check, max_examples)
        except Mismatch as failure:
            raise self._diagnosed(failure) from None
        if reference_errors and all(reference_errors):
            # A check whose reference always raises would pass any code that raises too.
            error = reference_errors[-1] or {}
            raise Broken(f"grader problem: the reference raised on every input of this check "
                         f"({error.get('type')}: {error.get('message')}), so the check cannot "
                         "tell right from wrong")

    def call(self, target: str, *args: Any, probe: Callable | None = None,
             side: str = "learner", seed: int | None = 0, **kwargs: Any) -> Any:
        """Run one call on one side and return its (decoded) value.

        A learner exception fails the check; a reference exception is a grader bug.
        """
        outcome = self._run(side, target, args, kwargs, probe, seed)
        if outcome.error:
            if side == "learner":
                raise Mismatch(messages.raised(self._name(target, probe), args, kwargs,
                                               outcome))
            raise Broken(f"grader problem: the reference {target} raised "
                         f"{outcome.error['type']}: {outcome.error['message']}")
        return outcome.value

    @property
    def datasets(self) -> Any:
        """The shared synthetic MNIST/CIFAR-10 roots (``.mnist``, ``.cifar10``: str paths).

        Written once per grading process by ``grader.datasets.shared()``; see that module.
        """
        from grader import datasets

        return datasets.shared()

    def expect(self, condition: bool, message: str) -> None:
        """Fail the check with ``message`` unless ``condition`` holds."""
        if not condition:
            raise Mismatch(message)

    def close(self) -> None:
        """Stop every worker of this check (the shared trusted worker stays for the next)."""
        for side in self._sides.values():
            side.release()
        self._sides.clear()
        if self._own_sandbox:
            self.sandbox.close()

    # -- comparing --------------------------------------------------------------------------
    def _explore(self, inputs: st.SearchStrategy, check: Callable,
                 max_examples: int | None) -> None:
        count = max_examples or MAX_EXAMPLES
        if self.config.max_examples:
            count = min(count, self.config.max_examples)

        @settings(max_examples=count, derandomize=True, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck), report_multiple_bugs=False,
                  verbosity=Verbosity.quiet, print_blob=False,
                  phases=(Phase.explicit, Phase.generate, Phase.shrink))
        @given(inputs)
        def explore(kwargs: dict[str, Any]) -> None:
            check(kwargs)

        explore()

    def _compare_once(self, target: str, kwargs: dict[str, Any], probe: Callable | None,
                      tol: Tolerance, aliasing: bool, notes: dict[str, str],
                      seed: int | None) -> dict[str, Any] | None:
        """Compare one call; return the reference's error (None when it returned normally)."""
        expected, got = self._run_pair(target, kwargs, probe, seed)
        difference = outcome_difference(expected, got, kwargs, tol, aliasing)
        self._evidence.add(kwargs, got, failed=difference is not None)
        self.warnings.update(dict.fromkeys(got.warnings))
        if difference:
            failure = Mismatch(messages.mismatch(self._name(target, probe), kwargs, difference,
                                                 got, notes, probe))
            failure.details = (target, kwargs, probe, seed, tol, aliasing, got)  # type: ignore[attr-defined]
            self._last_failure = failure
            raise failure
        return expected.error

    def _diagnosed(self, failure: Mismatch) -> Mismatch:
        """Name the known mistake (or mistakes) that behave like the learner's code on every
        input kept (``grader.diagnosis``); the failure as it is when none does."""
        details = getattr(failure, "details", None)
        if details is None:
            return failure
        target, kwargs, probe, seed, tol, aliasing, got = details

        def behaves_alike(variant: Variant, seen: Seen) -> bool:
            try:
                theirs = self._run(f"mistake:{variant.exercise}:{variant.name}", target, (),
                                   seen.kwargs, probe, seed)
            except (Broken, TimedOut):
                return False
            return (outcome_difference(theirs, seen.outcome, seen.kwargs, tol, aliasing) is None
                    and _same_error(theirs, seen.outcome))

        evidence = self._evidence.to_check(Seen(kwargs, got, True))
        finding = diagnose(MISTAKES.get(target, []), evidence, behaves_alike)
        if finding is None:
            return failure
        named = Mismatch(f"{failure}\n{messages.diagnoses(finding.diagnoses)}")
        named.named = finding.named  # type: ignore[attr-defined]
        return named

    # -- running ----------------------------------------------------------------------------
    def _run(self, side_name: str, target: str, args: tuple, kwargs: dict,
             probe: Callable | None, seed: int | None) -> Outcome:
        return self._finish(self._begin(side_name, target, args, kwargs, probe, seed))

    def _run_pair(self, target: str, kwargs: dict, probe: Callable | None,
                  seed: int | None) -> tuple[Outcome, Outcome]:
        """The reference's and the learner's outcome of one call, computed at the same time.

        The two workers run side by side (one torch thread each), which nearly halves the wait
        on two cores. A grader problem on the reference side outranks the learner's verdict.
        """
        reference = self._begin("reference", target, (), kwargs, probe, seed)
        try:
            got = self._finish(self._begin("learner", target, (), kwargs, probe, seed))
        except (Exception, Verdict):
            # Read the reference's reply, so that the next call (maybe of the next check: its
            # worker is shared) reads its own. A grader problem there outranks the verdict.
            self._finish(reference)
            raise
        except BaseException:
            self._side("reference").close()
            raise
        return self._finish(reference), got

    def _launch_learner_first(self) -> None:
        """A forked worker inherits the grader's memory: fork the learner's worker before any
        other side has answered, so that no reference answer is there for it to find."""
        self._side("learner").launch()

    def _begin(self, side_name: str, target: str, args: tuple, kwargs: dict,
               probe: Callable | None, seed: int | None) -> _Pending:
        """Send one call to a side (starting its worker if need be); ``_finish`` waits for it."""
        if side_name != "learner":
            self._launch_learner_first()
        learner = side_name == "learner"
        side = self._side(side_name)
        with self._translated(_Pending(side_name, side, target, kwargs, probe, time.monotonic(),
                                       0.0), charge=False):
            side.wait_ready()
        started = time.monotonic()
        deadline = started + (max(self.budget, 0.0) if learner else REFERENCE_TIMEOUT)
        pending = _Pending(side_name, side, target, kwargs, probe, started, deadline)
        with self._translated(pending):
            pending.side.send(target, args, kwargs, probe, seed, deadline)
        return pending

    def _finish(self, pending: _Pending) -> Outcome:
        """Wait for the outcome of a call sent by ``_begin``; learner errors become verdicts."""
        with self._translated(pending):
            outcome = pending.side.receive(pending.deadline)
        if outcome.error and pending.side_name == "learner":
            self._learner_error_verdict(pending.target, pending.probe, pending.kwargs, outcome)
        return outcome

    @contextlib.contextmanager
    def _translated(self, pending: _Pending, charge: bool = True) -> Iterator[None]:
        """Turn what can go wrong with a worker into a verdict; charge the learner's time."""
        side_name, side, target, probe, kwargs = (pending.side_name, pending.side,
                                                  pending.target, pending.probe, pending.kwargs)
        learner = side_name == "learner"
        try:
            yield
        except WorkerTimeout:
            side.close()
            if not learner:
                raise Broken(f"grader problem: the {side_name} side of {target} timed out")
            if self._last_failure is not None:
                raise self._diagnosed(self._last_failure) from None
            raise TimedOut(messages.timed_out(self._name(target, probe), self.timeout,
                                              kwargs)) from None
        except WorkerOutOfMemory:
            side.close()
            if not learner:
                raise Broken(f"grader problem: the {side_name} side of {target} ran out of "
                             "memory") from None
            raise Broken(messages.out_of_memory(self._name(target, probe),
                                                self.config.memory_limit, kwargs)) from None
        except WorkerDied as died:
            side.close()
            raise Broken(messages.died(self._who(side_name), target, died.cause, died.output,
                                       kwargs)) from None
        except _LoadFailed as failed:
            raise self._load_verdict(side_name, failed) from None
        except _Forbidden as forbidden:
            raise Broken(messages.forbidden(side.spec.display, forbidden.paths)) from None
        finally:
            if learner and charge:
                now = time.monotonic()
                self.budget -= now - pending.charged_from
                pending.charged_from = now

    def _learner_error_verdict(self, target: str, probe: Callable | None, kwargs: dict,
                               outcome: Outcome) -> None:
        kind = outcome.error["kind"] if outcome.error else ""
        name = self._name(target, probe)
        if kind == "todo":
            raise NotStarted(messages.not_started(target, self._display()))
        if kind == "missing":
            raise Broken(outcome.error["message"] + " (was it renamed or deleted?)")
        if kind == "exit":
            raise Broken(messages.exited(name, outcome.error, kwargs))
        if kind == "oom":
            raise Broken(messages.out_of_memory(name, self.config.memory_limit, kwargs))

    def _load_verdict(self, side_name: str, failed: _LoadFailed) -> BaseException:
        if side_name != "learner":
            return Broken(f"grader problem: the {side_name} file does not load: "
                          f"{failed.error['type']}: {failed.error['message']}")
        if failed.forbidden:
            return Broken(messages.forbidden(self._display(), failed.forbidden))
        if failed.error["kind"] == "todo":
            return NotStarted(messages.not_started(self.exercise.id, self._display()))
        return Broken(messages.load_failed(self._display(), failed.error))

    def _side(self, name: str) -> Side:
        if name not in self._sides:
            alone = name == "learner" or self.exercise.own_worker
            shared = None if alone else self.sandbox.shared(cuda=self.gpu)
            self._sides[name] = Side(self._spec(name), self.sandbox.backend(cuda=self.gpu),
                                     self.sandbox.note, shared)
        return self._sides[name]

    def _spec(self, name: str) -> SideSpec:
        relative = self.exercise.path
        memory = None if self.gpu else self.config.memory_limit
        preload = catalogue.load().chapter(self.exercise.chapter).preload
        if name == "learner":
            return SideSpec("learner", str(self.config.exercises_dir / relative), self._display(),
                            self.config.overrides.get(self.exercise.id),
                            self.config.forbidden, memory, preload=preload)
        reference = str(self.config.solutions_dir / relative)
        display = f"solutions/{relative}"
        if name == "reference":
            return SideSpec("reference", reference, display, memory_limit=memory,
                            preload=preload)
        _, exercise_id, variant_name = name.split(":", 2)  # names repeat across exercises
        variant = next(v for v in MISTAKES[exercise_id] if v.name == variant_name)
        return SideSpec("mistake", reference, display, as_override(variant), memory_limit=memory,
                        preload=preload)

    def _display(self) -> str:
        path = self.config.exercises_dir / self.exercise.path
        root = self.config.display_root
        if root is not None:
            try:
                return str(path.resolve().relative_to(root.resolve()))
            except ValueError:
                pass
        return str(path)

    def _name(self, target: str, probe: Callable | None) -> str:
        return target

    def _who(self, side_name: str) -> str:
        return "your code" if side_name == "learner" else f"the {side_name} side"


def outcome_difference(expected: Outcome, got: Outcome, kwargs: dict[str, Any], tol: Tolerance,
                       aliasing: bool) -> Difference | None:
    """The first way ``got`` differs from ``expected``: error, result, arguments, aliasing."""
    if expected.error or got.error:
        return _error_difference(expected, got)
    difference = first_difference(expected.value, got.value, tol)
    if difference:
        return difference
    for name in kwargs:
        after_e, after_g = expected.kwargs.get(name), got.kwargs.get(name)
        difference = first_difference(after_e, after_g, tol, f"argument `{name}` after the call")
        if difference:
            return Difference(difference.path, "argument",
                              _argument_detail(name, kwargs[name], after_e, after_g, difference),
                              after_e, after_g)
    for name in kwargs:
        if name in expected.memory and name in got.memory:
            difference = first_difference(expected.memory[name], got.memory[name], tol)
            if difference:
                return Difference(f"the memory of `{name}`", "memory",
                                  messages.memory(name, kwargs[name]),
                                  expected.memory[name], got.memory[name])
    return _aliasing_difference(expected, got) if aliasing else None


def _argument_detail(name: str, original: Any, after_e: Any, after_g: Any,
                     difference: Difference) -> str:
    """Say whether the learner changed an input they should not have, or left one unfilled."""
    if not isinstance(original, torch.Tensor):
        return difference.detail
    exact = Tolerance(exact=True)
    if first_difference(original, after_e, exact) is None:
        return (f"your code changed its argument `{name}` in place; it must leave its inputs as "
                f"they were (work on a copy or use an out-of-place operation) — "
                f"{difference.detail}")
    if first_difference(original, after_g, exact) is None:
        return (f"`{name}` should be updated in place by your code, but it was left unchanged "
                f"— {difference.detail}")
    return difference.detail


def _same_error(a: Outcome, b: Outcome) -> bool:
    """For naming a mistake: both returned, or both raised the same error (type and first line).

    The type alone would name the wrong cause: torch raises RuntimeError for many mistakes.
    """
    if not (a.error and b.error):
        return True
    return _error_key(a.error) == _error_key(b.error)


def _error_key(error: dict[str, Any]) -> tuple[str, str]:
    """An error's type and first line, without what differs between two codes making the same
    mistake: addresses, and the names autograd gives their own Function classes."""
    lines = str(error.get("message", "")).strip().splitlines()
    first = re.sub(r"0x[0-9a-fA-F]+", "0x?", lines[0] if lines else "")
    return error["type"], re.sub(r"\b\w*Backward\d*\b", "<Function>Backward", first)


def _error_difference(expected: Outcome, got: Outcome) -> Difference | None:
    e, g = expected.error, got.error
    if e and g:
        if e["type"] == g["type"] or e["type"] in (g.get("classes") or ()):
            return None  # the same exception, or a subclass of it (isinstance holds)
        return Difference("result", "raised", f"expected {e['type']} to be raised, but your code "
                          f"raised {g['type']}: {g['message']}", e, g)
    if e:
        return Difference("result", "raises", f"expected {e['type']} to be raised "
                          f"(the reference says: {e['message']}), but your code returned "
                          "normally", e, got.value)
    assert g is not None
    return Difference("result", "raised", f"your code raised {g['type']}: {g['message']}",
                      None, g)


def _aliasing_difference(expected: Outcome, got: Outcome) -> Difference | None:
    for path, facts in expected.facts.items():
        theirs = got.facts.get(path, Facts())
        if facts.same_object_as != theirs.same_object_as:
            return Difference(path, "identity", messages.identity(facts.same_object_as,
                                                                  theirs.same_object_as))
        if tuple(facts.shares_memory_with) != tuple(theirs.shares_memory_with):
            return Difference(path, "sharing", messages.sharing(facts.shares_memory_with,
                                                                theirs.shares_memory_with))
    return None
