"""Matrix products of the spaCy models through numpy's OpenBLAS instead of thinc's bundled blis.

Why: the blis wheel that thinc uses picks its kernels by CPU model, and on a CPU it does not recognise it falls
back to portable C kernels: on the development machine (AMD EPYC, family 25 model 17, in a VM without AVX-512)
``BLIS_ARCH_DEBUG=1`` prints "selecting sub-configuration 'generic'", and a 256×96 by 96×384 float32 product runs
at ~16 GFLOPS against ~100 for numpy (OpenBLAS picks its kernels at run time for every x86 CPU, here Haswell's).
The German pipeline is ~1.5× as fast with numpy's products (docs/nlp.md, "Matrix products").

thinc's ``NumpyOps(use_blis=False)`` sends ``Ops.gemm`` (every dense layer: the tok2vec, tagger, morphologizer,
the parser's and NER's precomputed feature layer) to ``numpy.dot``. The parser's per-step state scoring calls
blis through C function pointers; replacing those with OpenBLAS measured no gain, so they stay.
``install()`` makes these ops thinc's current ops; models built afterwards use them. ``KIEBITZ_BLAS=blis``
keeps thinc's default.

OpenBLAS also runs one thread per core by default, and its threads spin while they wait: on a machine whose
other core is busy, German analysis took 66 s instead of 20 s. kiebitz scales by processes (one per core, as
the scale engines and the benchmarks run), so ``install()`` limits the BLAS libraries of this process to one
thread, unless the user set ``OPENBLAS_NUM_THREADS`` / ``OMP_NUM_THREADS`` themselves.
"""

from __future__ import annotations

import os

from thinc.api import NumpyOps, get_current_ops, set_current_ops

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "GOTO_NUM_THREADS")


def wanted() -> bool:
    """Whether numpy's products are wanted (``KIEBITZ_BLAS=blis`` keeps thinc's blis)."""
    return os.environ.get("KIEBITZ_BLAS", "").strip().lower() != "blis"


def install() -> None:
    """Make ``NumpyOps(use_blis=False)`` thinc's current ops (idempotent); call before building models."""
    if not wanted():
        return
    _one_thread()
    ops = get_current_ops()
    if isinstance(ops, NumpyOps) and not ops.use_blis:
        return
    set_current_ops(NumpyOps(use_blis=False))


_limited = False


def _one_thread() -> None:
    """One BLAS thread per process (once), unless a thread count is set in the environment."""
    global _limited
    if _limited or any(os.environ.get(name) for name in THREAD_VARIABLES):
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")  # stays in force: the returned object is not a context here
    _limited = True
