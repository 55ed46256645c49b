"""The spaCy models multiply through numpy (OpenBLAS) on one thread, not through thinc's blis."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy
from thinc.api import NumpyOps

from kiebitz.nlp import blas, load


def _ops_of(nlp) -> set:  # noqa: ANN001
    """The ops objects of every trained component's model."""
    return {type(pipe.model.ops).__name__ + (":blis" if getattr(pipe.model.ops, "use_blis", False) else ":numpy")
            for _, pipe in nlp.pipeline if hasattr(pipe, "model") and hasattr(pipe.model, "ops")}


def test_loaded_models_multiply_through_numpy() -> None:
    for lang in ("de", "en"):
        nlp = load(lang)
        ops = _ops_of(nlp)
        assert ops == {"NumpyOps:numpy"}, (lang, ops)


def test_numpy_ops_give_the_products_blis_gives() -> None:
    rng = numpy.random.default_rng(13)
    x = rng.standard_normal((64, 96)).astype("float32")
    y = rng.standard_normal((96, 384)).astype("float32")
    fast, slow = NumpyOps(use_blis=False), NumpyOps()
    for t1, t2 in ((False, False), (False, True), (True, False)):
        a = x.T.copy() if t1 else x
        b = y.T.copy() if t2 else y
        numpy.testing.assert_allclose(fast.gemm(a, b, trans1=t1, trans2=t2), slow.gemm(a, b, trans1=t1, trans2=t2),
                                      rtol=1e-4, atol=1e-4)


def _child(code: str, **env: str) -> str:
    """Run `code` in a fresh interpreter (ops and thread limits are per process) and return its output."""
    clean = {k: v for k, v in os.environ.items() if k not in (*blas.THREAD_VARIABLES, "KIEBITZ_BLAS")}
    out = subprocess.run([sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True,
                         check=True)
    return out.stdout.strip()


PROBE = (
    "from kiebitz.nlp import blas; blas.install();"
    "from thinc.api import get_current_ops; import threadpoolctl;"
    "ops = get_current_ops();"
    "print(ops.use_blis, sorted({i['num_threads'] for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas'}))"
)


def test_install_sets_numpy_ops_and_one_blas_thread() -> None:
    assert _child(PROBE) == "False [1]"


def test_blis_on_request_and_user_thread_count_respected() -> None:
    assert _child(PROBE, KIEBITZ_BLAS="blis").startswith("True")
    assert _child(PROBE, OPENBLAS_NUM_THREADS="2").startswith("False [2")
