"""Execute the book's notebooks on every core before Sphinx reads them (issue 13: a clean build).

Jupyter Book 1 (myst-nb, ``execute_notebooks: cache``) executes notebooks one after another while
Sphinx reads the pages. Before ``jupyter-book build`` starts, :func:`execute_stale` executes every
toc notebook that has no entry in the build's jupyter-cache, one process per core, with nbclient
(as myst-nb and jupyter-cache do), and stores the results in that cache. myst-nb then finds
each page's notebook there ("Using cached notebook") and only renders it.

The notebooks are read with myst-nb's own jupyter-cache reader and executed without timing
records in the cells' metadata (``record_timing=False``, as jupyter-cache does), so the cache key
(the code cells with their metadata, and the kernelspec) is exactly the one myst-nb computes when
it reads the page.

Two differences from myst-nb's execution, both about a notebook that now and then hung for
exactly the cell time limit (300 s) on an explorer cell, in about one build in two: the kernel had
finished the cell and said so on IOPub (status idle), yet the cell's reply on the shell channel
reached the client only when the time limit ran out. Seen with ipykernel 7.4 and 6.31 alike, on
cells that end with a burst of widget messages; the root cause is not known.

* When a cell's IOPub output is complete (idle) and its reply is still missing after
  REPLY_GRACE_S, the client takes the outputs as the cell's result: status "error" (with the
  error's name, value and traceback) if the outputs hold an error, else "ok". A late reply that
  turns up afterwards is ignored (nbclient matches replies to their request).
* nbclient's stand-in for a browser's Output widget does not echo captured outputs back to the
  kernel on the shell channel while the client waits there (jupyter/nbclient#312). The static
  site drops the widgets' saved state anyway (scripts/sitetools.py), so the pages are the same.

nbval (`make test`) uses a blocking client, which polls the socket itself, and never hung.
"""
from __future__ import annotations

import asyncio
import os
import time
import traceback
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from myst_nb.core.read import myst_nb_reader_plugin
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbclient.output_widget import OutputWidget


class _OneWayOutputWidget(OutputWidget):
    """nbclient's Output-widget stand-in, minus the echo of its state to the kernel (see above)."""

    def send(self, data=None, metadata=None, buffers=None) -> None:
        return None


WIDGET_REGISTRY = {"@jupyter-widgets/output": {"OutputModel": _OneWayOutputWidget}}


REPLY_GRACE_S = 5.0


class _BuildClient(NotebookClient):
    """nbclient's client with the reply fallback described in the module docstring."""

    async def _async_poll_for_reply(self, msg_id, cell, timeout, task_poll_output_msg, task_poll_kernel_alive):
        reply = asyncio.ensure_future(super()._async_poll_for_reply(
            msg_id, cell, timeout, task_poll_output_msg, task_poll_kernel_alive))
        await asyncio.wait({reply, task_poll_output_msg}, return_when=asyncio.FIRST_COMPLETED)
        if not reply.done() and task_poll_output_msg.done() and task_poll_output_msg.exception() is None:
            await asyncio.wait({reply}, timeout=REPLY_GRACE_S)
            if not reply.done():
                reply.cancel()
                task_poll_kernel_alive.cancel()
                self.log.warning("Svar saknas för en färdig cell: utdata används som cellens resultat.")
                return _reply_from_outputs(msg_id, cell)
        return await reply


def _reply_from_outputs(msg_id: str, cell) -> dict:
    """An execute reply made from a finished cell's outputs (see REPLY_GRACE_S)."""
    content = {"status": "ok", "execution_count": cell.get("execution_count")}
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            content.update(status="error", ename=output.get("ename", ""), evalue=output.get("evalue", ""),
                           traceback=output.get("traceback", []))
            break
    return {"parent_header": {"msg_id": msg_id}, "header": {"msg_type": "execute_reply"}, "content": content}


def _execute(uri: str, timeout: int):
    """(uri, executed notebook, seconds, traceback or None): runs in a worker process."""
    notebook = myst_nb_reader_plugin(uri)
    client = _BuildClient(notebook, timeout=timeout, allow_errors=False, record_timing=False,
                          widget_registry=WIDGET_REGISTRY,
                          resources={"metadata": {"path": str(Path(uri).parent)}})
    start = time.perf_counter()
    try:
        client.execute()
    except CellExecutionError as error:
        return uri, notebook, time.perf_counter() - start, str(error)
    except Exception:  # a dead kernel, a time-out: the build reports it with the notebook's name
        return uri, notebook, time.perf_counter() - start, traceback.format_exc()
    return uri, notebook, time.perf_counter() - start, None


def execute_stale(cache_dir: Path, notebooks: Sequence[Path], timeout: int) -> list[tuple[str, str]]:
    """Execute, in parallel, the ``notebooks`` whose code has no entry in the cache at ``cache_dir``.

    The kernels inherit this process' environment (set it before calling). Returns
    ``[(notebook, traceback)]`` for each one that failed (empty: all are in the cache now).
    """
    cache = get_cache(str(cache_dir))
    stale = []
    for path in notebooks:
        uri = str(Path(path).resolve())
        try:
            cache.match_cache_notebook(myst_nb_reader_plugin(uri))
        except KeyError:
            stale.append(uri)
    if not stale:
        return []
    workers = max(1, min(os.cpu_count() or 1, len(stale)))
    print(f"Kör {len(stale)} notebooks, {workers} åt gången …", flush=True)
    problems = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_execute, uri, timeout) for uri in stale]
        for future in as_completed(futures):
            uri, notebook, seconds, traceback = future.result()
            if traceback is not None:
                problems.append((uri, traceback))
                continue
            cache.cache_notebook_bundle(CacheBundleIn(notebook, uri, data={"execution_seconds": seconds}),
                                        check_validity=False, overwrite=True)
            print(f"  {Path(uri).parent.name}/{Path(uri).name}: {seconds:.0f} s", flush=True)
            try:
                cache.match_cache_notebook(myst_nb_reader_plugin(uri))
            except KeyError:
                print(f"  Varning: {Path(uri).name} hittas inte i cachen efteråt och körs en gång till av bygget.")
    return sorted(problems)
