"""How big a hub a workshop needs: N participants (default 30) on a local JupyterHub, measured.

    .venv/bin/python benchmarks/bench_hub.py [--participants 30] [--deadline 900] [--stagger 0]

A script for `make bench` (not a pytest test, and it defines no ``bench_*`` functions, so
scripts/bench.py's loop skips it). Needs `pip install -r hub/requirements.txt` and
`npm ci --prefix hub`. Everything runs on 127.0.0.1; the hub, the proxy, every server and
kernel are stopped at the end.

What each participant does, all at once (the moment a facilitator shows the link), through
the hub's REST API with an admin token (hub/jupyterhub_config_local.py):

1. **spawn**: ``POST /hub/api/users/<name>/server``, then poll until the server is ready;
2. **pull**: nbgitpuller in that participant's server (``/user/<name>/git-pull/api``) clones
   the material from a local git clone of this repository (the working tree, on a branch of
   its own) into their home;
3. **execute**: the participant's server converts ``chapters/01-strategi/utslapp.md`` with
   jupytext (``GET /user/<name>/api/contents/...?type=notebook``: jupytext's contents manager
   in that server), starts a kernel in the lesson's folder (``POST /user/<name>/api/sessions``)
   and every code cell runs in it through the server's kernel websocket
   (``/user/<name>/api/kernels/<id>/channels``), one ``execute_request`` after another, as
   Run All does. An error in a cell counts as a failed participant.

Measured: time to a ready lesson (spawn -> pulled -> executed) per participant; memory of
each participant's single-user server + kernel once everyone's lesson has run (RSS, and PSS,
which splits shared pages fairly, so the PSS sum is what the machine really holds); CPU
seconds; the machine's used memory before and at its peak. Results go to
benchmarks/results_hub.json, and a summary is printed.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime
import importlib.util
import json
import math
import os
import platform
import secrets
import statistics
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results_hub.json"
MAX_PARTICIPANTS = 40


def _load_localhub():
    spec = importlib.util.spec_from_file_location("stratus_localhub", ROOT / "hub" / "localhub.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Failed(Exception):
    pass


async def _request(client, url, token, method="GET", body=None, timeout=120):
    from tornado.httpclient import HTTPClientError, HTTPRequest

    request = HTTPRequest(url, method=method, headers={"Authorization": f"token {token}",
                                                       "Content-Type": "application/json"},
                          body=None if body is None else json.dumps(body),
                          allow_nonstandard_methods=True, request_timeout=timeout, connect_timeout=30)
    try:
        response = await client.fetch(request)
    except HTTPClientError as error:
        raise Failed(f"{method} {url}: HTTP {error.code}") from None
    return response.code, (json.loads(response.body) if response.body else None)


async def _spawn(client, hub, name, deadline):
    base = f"{hub.url}/hub/api/users/{name}"
    await _request(client, f"{base}/server", hub.api_token, "POST", {})
    while time.monotonic() < deadline:
        _, user = await _request(client, base, hub.api_token)
        server = user.get("servers", {}).get("")
        if server and server.get("ready"):
            return
        if not user.get("pending") and not server:
            raise Failed(f"{name}: servern startade inte")
        await asyncio.sleep(0.5)
    raise Failed(f"{name}: servern var inte klar före tidsgränsen")


async def _pull(client, hub, name, repo, localhub):
    query = urllib.parse.urlencode({"repo": repo, "branch": localhub.BRANCH, "targetpath": localhub.TARGET})
    from tornado.httpclient import HTTPRequest

    request = HTTPRequest(f"{hub.url}/user/{name}/git-pull/api?{query}",
                          headers={"Authorization": f"token {hub.api_token}"}, request_timeout=300)
    response = await client.fetch(request, raise_error=False)
    text = response.body.decode("utf-8", errors="replace") if response.body else ""
    if response.code != 200 or '"phase": "finished"' not in text or '"phase": "error"' in text:
        raise Failed(f"{name}: nbgitpuller misslyckades (HTTP {response.code}): {text[-500:]}")
    if not (hub.homes / name / localhub.TARGET / localhub.LESSON).is_file():
        raise Failed(f"{name}: lektionen saknas i hemkatalogen efter nbgitpuller")


async def _execute(client, hub, name, localhub, deadline):
    """Run every code cell of the lesson in a kernel of this participant's server; return the cell count."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    path = f"{localhub.TARGET}/{localhub.LESSON}"
    base = f"{hub.url}/user/{name}/api"
    _, model = await _request(client, f"{base}/contents/{urllib.parse.quote(path)}?type=notebook&content=1",
                              hub.api_token)
    cells = [c for c in model["content"]["cells"] if c["cell_type"] == "code" and c["source"].strip()]
    _, session = await _request(client, f"{base}/sessions", hub.api_token, "POST", {
        "path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": "python3"}})
    kernel_id = session["kernel"]["id"]
    ws_url = f"{hub.url.replace('http://', 'ws://')}/user/{name}/api/kernels/{kernel_id}/channels"
    socket = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {hub.api_token}"},
                                                 request_timeout=180, connect_timeout=180))
    client_session = uuid.uuid4().hex
    try:
        for index, cell in enumerate(cells):
            msg_id = uuid.uuid4().hex
            socket.write_message(json.dumps({
                "header": {"msg_id": msg_id, "username": name, "session": client_session,
                           "msg_type": "execute_request", "version": "5.3",
                           "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": cell["source"], "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
            }))
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise Failed(f"{name}: cell {index + 1} blev inte klar före tidsgränsen")
                raw = await asyncio.wait_for(socket.read_message(), timeout=remaining)
                if raw is None:
                    raise Failed(f"{name}: kernelns websocket stängdes")
                if isinstance(raw, bytes):
                    continue  # binary frames carry widget buffers, never the reply
                message = json.loads(raw)
                if message.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if message["msg_type"] == "error":
                    content = message["content"]
                    raise Failed(f"{name}: cell {index + 1}: {content.get('ename')}: {content.get('evalue')}")
                if message["channel"] == "shell" and message["msg_type"] == "execute_reply":
                    if message["content"].get("status") != "ok":
                        raise Failed(f"{name}: cell {index + 1}: status {message['content'].get('status')}")
                    break
    finally:
        socket.close()
    return len(cells)


async def _participant(client, hub, name, repo, localhub, deadline, delay):
    await asyncio.sleep(delay)
    record = {"name": name}
    start = time.monotonic()
    try:
        await _spawn(client, hub, name, deadline)
        record["spawn_s"] = round(time.monotonic() - start, 2)
        await _pull(client, hub, name, repo, localhub)
        record["pulled_s"] = round(time.monotonic() - start, 2)
        record["cells"] = await _execute(client, hub, name, localhub, deadline)
        record["ready_s"] = round(time.monotonic() - start, 2)
    except Exception as error:  # noqa: BLE001 - one participant's failure is a result, not a crash
        record["error"] = f"{type(error).__name__}: {error}"
    return record


def _memory(hub, names):
    """RSS / PSS (MiB) and CPU seconds of each participant's server plus its kernels."""
    import psutil

    by_user = {}
    for proc in hub.processes():
        try:
            user = proc.environ().get("JUPYTERHUB_USER")
            if user and proc.parent() and proc.parent().pid == hub.process.pid:
                by_user[user] = proc
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    memory = {}
    for name in names:
        server = by_user.get(name)
        if server is None:
            continue
        rss = pss = cpu = server_rss = 0.0
        kernels = 0
        for proc in [server, *server.children(recursive=True)]:
            try:
                info = proc.memory_full_info()
                times = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
            cpu += times.user + times.system
            kernels += proc is not server
            server_rss += info.rss if proc is server else 0
        memory[name] = {"rss_mib": round(rss / 2**20, 1), "pss_mib": round(pss / 2**20, 1),
                        "server_rss_mib": round(server_rss / 2**20, 1),
                        "kernel_rss_mib": round((rss - server_rss) / 2**20, 1),
                        "cpu_s": round(cpu, 1), "child_processes": kernels}
    proxy = [p for p in hub.processes() if "configurable-http-proxy" in " ".join(p.cmdline())]
    hub_side = {"rss_mib": 0.0, "cpu_s": 0.0}
    for proc in [psutil.Process(hub.process.pid), *proxy]:
        hub_side["rss_mib"] = round(hub_side["rss_mib"] + proc.memory_info().rss / 2**20, 1)
        hub_side["cpu_s"] = round(hub_side["cpu_s"] + sum(proc.cpu_times()[:2]), 1)
    return memory, hub_side


async def _sample_memory(samples, stop):
    import psutil

    while not stop.is_set():
        samples.append(psutil.virtual_memory().total - psutil.virtual_memory().available)
        try:
            await asyncio.wait_for(stop.wait(), timeout=1.0)
        except asyncio.TimeoutError:
            pass


async def _run(args, localhub, hub, repo):
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=max(10, 2 * args.participants))
    client = AsyncHTTPClient()
    names = [f"deltagare{i:02d}" for i in range(1, args.participants + 1)]
    await _request(client, f"{hub.url}/hub/api/users", hub.api_token, "POST", {"usernames": names})
    samples, stop = [], asyncio.Event()
    sampler = asyncio.ensure_future(_sample_memory(samples, stop))
    start = time.monotonic()
    deadline = start + args.deadline
    records = await asyncio.gather(*[
        _participant(client, hub, name, repo, localhub, deadline, i * args.stagger)
        for i, name in enumerate(names)])
    total = time.monotonic() - start
    memory, hub_side = _memory(hub, names)
    stop.set()
    await sampler
    for record in records:
        record.update(memory.get(record["name"], {}))
    return records, total, samples, hub_side


def _summary(records, total, baseline, samples, hub_side, args):
    ok = [r for r in records if "ready_s" in r]

    def stats(key):
        values = [r[key] for r in ok if key in r]
        if not values:
            return None
        values.sort()
        return {"median": round(statistics.median(values), 2), "min": values[0], "max": values[-1],
                "p90": values[min(len(values) - 1, math.ceil(0.9 * len(values)) - 1)]}

    per = {key: stats(key) for key in ("spawn_s", "pulled_s", "ready_s", "rss_mib", "pss_mib",
                                       "server_rss_mib", "kernel_rss_mib", "cpu_s")}
    peak = max(samples) if samples else baseline
    n = args.participants
    # Sizing for a workshop of n: every participant's server + kernel after the lesson (PSS,
    # 90th percentile) plus the hub and the proxy, with 50 % headroom for the exercises and
    # widgets later in the day, plus 2 GiB for the operating system.
    pss90 = per["pss_mib"]["p90"] if per["pss_mib"] else 0
    ram_gib = math.ceil(((n * pss90 + hub_side["rss_mib"]) * 1.5) / 1024 + 2)
    cpu_total = sum(r.get("cpu_s", 0) for r in ok) + hub_side["cpu_s"]
    # Cores so that everyone who clicks the link at the same moment has the lesson run within
    # about 60 s (the CPU work measured here, spread over 60 s), and at least 1 core per 8.
    cores = max(math.ceil(cpu_total / 60), math.ceil(n / 8), 2)
    return {
        "participants": n, "succeeded": len(ok), "failed": [r for r in records if "error" in r],
        "total_s": round(total, 1), "per_participant": per,
        "hub_and_proxy": hub_side,
        "machine_used_mib": {"before": round(baseline / 2**20), "peak": round(peak / 2**20),
                             "increase": round((peak - baseline) / 2**20)},
        "cpu_seconds_total": round(cpu_total, 1),
        "workshop_needs": {"participants": n, "ram_gib": ram_gib, "cores": cores},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--deadline", type=float, default=900, help="seconds for the whole run (default 900)")
    parser.add_argument("--stagger", type=float, default=0.0, help="seconds between two participants' starts")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not 1 <= args.participants <= MAX_PARTICIPANTS:
        parser.error(f"--participants must be between 1 and {MAX_PARTICIPANTS}")
    localhub = _load_localhub()
    missing = localhub.missing_parts()
    if missing:
        print("Hubbens paket saknas: " + ", ".join(missing), file=sys.stderr)
        return 2
    import psutil

    baseline = psutil.virtual_memory().total - psutil.virtual_memory().available
    with tempfile.TemporaryDirectory(prefix="stratus-bench-hub-") as tmp:
        tmp = Path(tmp)
        repo = localhub.make_material_repo(tmp / "stratus")
        hub = localhub.LocalHub(tmp / "hub", api_token=secrets.token_hex(32), start_timeout=int(args.deadline))
        hub.start()
        try:
            records, total, samples, hub_side = asyncio.run(
                asyncio.wait_for(_run(args, localhub, hub, repo), timeout=args.deadline + 120))
        finally:
            killed = hub.stop()
    summary = _summary(records, total, baseline, samples, hub_side, args)
    summary["killed_after_stop"] = len(killed)
    summary["method"] = ("REST API spawn (SimpleLocalProcessSpawner) -> nbgitpuller /git-pull/api in the user's server "
                         "-> jupytext conversion by the user's contents API -> every code cell through the user's "
                         "kernel websocket (sessions API), all participants at once")
    summary["machine"] = {"cores": os.cpu_count(), "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
                          "python": platform.python_version(), "when": datetime.datetime.now(datetime.timezone.utc)
                          .strftime("%Y-%m-%dT%H:%MZ")}
    summary["records"] = records
    args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    per = summary["per_participant"]
    print(f"Hubben med {args.participants} deltagare samtidigt ({summary['machine']['cores']} kärnor, "
          f"{summary['machine']['ram_gib']} GiB): {summary['succeeded']} klara, {len(summary['failed'])} misslyckade, "
          f"totalt {summary['total_s']} s")
    labels = {"spawn_s": "server startad (s)", "pulled_s": "material hämtat (s)", "ready_s": "lektion körd (s)",
              "rss_mib": "RSS server+kernel (MiB)", "pss_mib": "PSS server+kernel (MiB)",
              "server_rss_mib": "  varav server, RSS (MiB)", "kernel_rss_mib": "  varav kernel, RSS (MiB)",
              "cpu_s": "CPU-sekunder"}
    for key, label in labels.items():
        if per[key]:
            print(f"  {label:<26} median {per[key]['median']:>7}   p90 {per[key]['p90']:>7}   max {per[key]['max']:>7}")
    used = summary["machine_used_mib"]
    print(f"  hubb + proxy: {summary['hub_and_proxy']['rss_mib']} MiB RSS; maskinens minne {used['before']} -> "
          f"{used['peak']} MiB (+{used['increase']} MiB)")
    needs = summary["workshop_needs"]
    print(f"  En workshop med {needs['participants']} deltagare behöver ungefär {needs['ram_gib']} GiB RAM "
          f"och {needs['cores']} kärnor.  Resultat: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    for failure in summary["failed"][:5]:
        print(f"  FEL {failure['name']}: {failure['error']}")
    return 0 if not summary["failed"] else 1


if __name__ == "__main__":
    sys.exit(main())
