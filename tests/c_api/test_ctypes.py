#!/usr/bin/env python3
"""Smoke test of libvernier through ctypes: the C API is usable from a foreign-function interface
with nothing but the shared library (what hosts/python builds on).

Usage: test_ctypes.py PATH/TO/libvernier.so
Plugins are found next to the library (lib/vernier/plugins), as for any embedder. Exits non-zero on
the first failure, with vn_last_error() in the message.
"""
import ctypes
import json
import math
import sys

VN_OK = 0
VN_E_INVALID = -1
VN_E_NOT_FOUND = -7
VN_TRIAL_COMPLETE = 1
VN_TRIAL_FAILED = 3

CONFIG = {
    "name": "ctypes-smoke",
    "direction": "minimize",
    "space": [
        {"name": "x", "type": "float", "low": -3.0, "high": 3.0},
        {"name": "k", "type": "int", "low": 1, "high": 4},
        {"name": "kind", "type": "categorical", "choices": ["plain", "shifted"]},
    ],
    "sampler": {"plugin": "random", "seed": 11},
}
N_TRIALS = 20


def declare(lib):
    """argtypes and restypes for every function used: without them ctypes truncates pointers to int."""
    P = ctypes.c_void_p
    status = ctypes.c_int32
    sigs = {
        "vn_version": (ctypes.c_char_p, []),
        "vn_last_error": (ctypes.c_char_p, []),
        "vn_free": (None, [P]),
        "vn_context_new": (status, [ctypes.c_char_p, ctypes.POINTER(P)]),
        "vn_context_free": (None, [P]),
        "vn_context_plugins_json": (status, [P, ctypes.POINTER(P)]),
        "vn_study_create": (status, [P, ctypes.c_char_p, ctypes.POINTER(P)]),
        "vn_study_free": (None, [P]),
        "vn_study_ask": (status, [P, ctypes.POINTER(P)]),
        "vn_study_tell": (status, [P, P, ctypes.c_int32, ctypes.c_double]),
        "vn_trial_free": (None, [P]),
        "vn_trial_number": (ctypes.c_int64, [P]),
        "vn_trial_get_float": (status, [P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_double)]),
        "vn_trial_get_int": (status, [P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int64)]),
        "vn_trial_get_categorical": (status, [P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p)]),
        "vn_study_count": (ctypes.c_uint64, [P, ctypes.c_int32]),
        "vn_study_best": (status, [P, ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_double)]),
        "vn_study_summary_json": (status, [P, ctypes.POINTER(P)]),
    }
    for name, (restype, argtypes) in sigs.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes


class Failure(Exception):
    pass


def main(path):
    lib = ctypes.CDLL(path)
    declare(lib)

    def err():
        return lib.vn_last_error().decode()

    def ok(status, what):
        if status != VN_OK:
            raise Failure(f"{what} returned {status}: {err()}")

    def expect(cond, what):
        if not cond:
            raise Failure(f"{what} (vn_last_error: {err()!r})")

    def take_json(ptr):
        try:
            return json.loads(ctypes.string_at(ptr.value).decode())
        finally:
            lib.vn_free(ptr)

    version = lib.vn_version().decode()
    expect(version[:1].isdigit(), f"vn_version() = {version!r}")

    ctx = ctypes.c_void_p()
    ok(lib.vn_context_new(None, ctypes.byref(ctx)), "vn_context_new")
    study = ctypes.c_void_p()
    try:
        report = ctypes.c_void_p()
        ok(lib.vn_context_plugins_json(ctx, ctypes.byref(report)), "vn_context_plugins_json")
        names = {p["name"] for p in take_json(report)["plugins"]}
        expect("random" in names, f"the random sampler is discovered next to libvernier (found {sorted(names)})")

        # A bad config is refused with a message, and *out stays NULL.
        status = lib.vn_study_create(ctx, b'{"space": [}', ctypes.byref(study))
        expect(status == VN_E_INVALID and "line" in err() and not study.value, "malformed JSON refused")

        ok(lib.vn_study_create(ctx, json.dumps(CONFIG).encode(), ctypes.byref(study)), "vn_study_create")
        best_seen = math.inf
        for i in range(N_TRIALS):
            trial = ctypes.c_void_p()
            ok(lib.vn_study_ask(study, ctypes.byref(trial)), "vn_study_ask")
            try:
                expect(lib.vn_trial_number(trial) == i, f"trial number {i}")
                x, k, kind = ctypes.c_double(), ctypes.c_int64(), ctypes.c_char_p()
                ok(lib.vn_trial_get_float(trial, b"x", ctypes.byref(x)), "get_float x")
                ok(lib.vn_trial_get_int(trial, b"k", ctypes.byref(k)), "get_int k")
                ok(lib.vn_trial_get_categorical(trial, b"kind", ctypes.byref(kind)), "get_categorical kind")
                expect(-3.0 <= x.value <= 3.0 and 1 <= k.value <= 4, f"values in range: x={x.value} k={k.value}")
                expect(kind.value in (b"plain", b"shifted"), f"choice {kind.value!r}")
                status = lib.vn_trial_get_float(trial, b"missing", ctypes.byref(x))
                expect(status == VN_E_NOT_FOUND and "missing" in err(), "unknown name is VN_E_NOT_FOUND")
                value = x.value ** 2 + (k.value - 2) ** 2 + (1.0 if kind.value == b"shifted" else 0.0)
                best_seen = min(best_seen, value)
                ok(lib.vn_study_tell(study, trial, VN_TRIAL_COMPLETE, value), "vn_study_tell")
            finally:
                lib.vn_trial_free(trial)

        expect(lib.vn_study_count(study, -1) == N_TRIALS, "count of all trials")
        expect(lib.vn_study_count(study, VN_TRIAL_COMPLETE) == N_TRIALS, "count of complete trials")
        expect(lib.vn_study_count(study, VN_TRIAL_FAILED) == 0, "no failed trial")
        number, value = ctypes.c_int64(), ctypes.c_double()
        ok(lib.vn_study_best(study, ctypes.byref(number), ctypes.byref(value)), "vn_study_best")
        expect(value.value == best_seen, f"best value {value.value} equals the smallest told {best_seen}")
        expect(0 <= number.value < N_TRIALS, f"best trial number {number.value}")

        summary_ptr = ctypes.c_void_p()
        ok(lib.vn_study_summary_json(study, ctypes.byref(summary_ptr)), "vn_study_summary_json")
        summary = take_json(summary_ptr)
        expect(summary["study"] == "ctypes-smoke" and summary["trials"]["complete"] == N_TRIALS, f"summary {summary}")
        expect(summary["best"]["number"] == number.value, "summary names the same best trial")
    finally:
        lib.vn_study_free(study)
        lib.vn_context_free(ctx)
    print(f"ctypes smoke test passed (Vernier {version}, best {value.value:.4g} at trial {number.value})")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: test_ctypes.py PATH/TO/libvernier.so")
    try:
        main(sys.argv[1])
    except Failure as e:
        sys.exit(f"test_ctypes: FAILED: {e}")
