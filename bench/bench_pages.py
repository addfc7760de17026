"""Pages under load: gunicorn (2 workers, ``deploy/gunicorn.conf.py``) on the demo database, measured with wrk.

    .venv/bin/python bench/bench_pages.py [--against REV] [--duration 10] [--connections 16] [--soak-seconds 30]
                                          [--memory-requests 10000] [--quick] [--keep]

Sets up the demo like ``make run`` (``migrate``, ``bootstrap_demo``, ``collectstatic`` in a temporary ``VAR_DIR``:
SQLite and the file cache), starts gunicorn on 127.0.0.1 and runs ``wrk --latency`` on: a page from the page cache,
the home page, a citizen's manual, the OIA index and the ITA evidence page rendered without the page cache (a query
parameter no page uses, ``?bench=uncached``, bypasses it), a search, a document download and a static file through
WhiteNoise (the in-process ceiling). Prints req/s, p50, p99, non-2xx responses and each row's ratio to the static
file.

``--against REV`` measures another git revision the same way in the same run (a temporary ``git worktree``, its own
demo database and its own gunicorn settings, the same Python environment), and prints this revision's req/s as a
multiple of that one's.

Then, for this revision only: no non-2xx and no socket error at 64 connections for ``--soak-seconds`` on the cached
page and the uncached home page; each worker's memory (RSS) after 100 requests and after ``--memory-requests``
requests of a mix of pages; the static file's p99 while workers are recycled every few hundred requests
(``--max-requests``), against its p99 without.

Traffic goes to 127.0.0.1 only, and every run is bounded in time. ``--keep`` keeps each demo database (in
``$TMPDIR/prongsai-bench/``) for the next run. ``--quick`` shortens everything (3 s runs, a 10 s soak, 2,000
requests for the memory check).
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
UNCACHED = "bench=uncached"
BENCH_DIR = Path(tempfile.gettempdir()) / "prongsai-bench"

TARGETS = [
    ("cached page (page cache)", "/news/dengue-campaign/"),
    ("home, uncached", f"/?{UNCACHED}"),
    ("manual, uncached", f"/services/commercial-registration/?{UNCACHED}"),
    ("OIA index, uncached", f"/official-information/?{UNCACHED}"),
    ("ITA evidence, uncached", f"/ita-2566/?{UNCACHED}"),
    ("search", "/search/?q=" + urllib.parse.quote("ทะเบียนพาณิชย์")),
    ("document download", "{document}"),
    ("static file (WhiteNoise)", "{static}"),
]
MIX = [
    "/news/dengue-campaign/",
    f"/?{UNCACHED}",
    f"/services/commercial-registration/?{UNCACHED}",
    f"/official-information/?{UNCACHED}",
    f"/ita-2566/?{UNCACHED}",
    "/search/?q=" + urllib.parse.quote("แผน"),
    "{document}",
    "{static}",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(var_dir: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_URL", "CACHE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="false",
        VAR_DIR=str(var_dir),
        ADMIN_PASSWORD="bench-admin-password-1",
        SEARCH_RATE_PER_MINUTE="0",
        SUGGEST_RATE_PER_MINUTE="0",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


class Server:
    """One revision's demo: its tree, its VAR_DIR, its gunicorn."""

    def __init__(self, name: str, tree: Path, var_dir: Path):
        self.name, self.tree = name, tree
        self.var_dir = var_dir
        self.port = _free_port()
        self.process = None
        self.log = self.var_dir / "gunicorn.log"

    def manage(self, *args):
        subprocess.run([PYTHON, "manage.py", *args], cwd=self.tree, env=_env(self.var_dir), check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip

    def prepare(self):
        print(f"[{self.name}] preparing the demo database in {self.var_dir} (like make run) ...", flush=True)
        started = time.monotonic()
        # The demo database is kept for the next run (bootstrap_demo is fast when it is there); the cache is not.
        shutil.rmtree(self.var_dir / "cache", ignore_errors=True)
        (self.var_dir / "cache").mkdir(parents=True, exist_ok=True)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("bootstrap_demo")
        self.manage("collectstatic", "--noinput", "-v0")
        print(f"[{self.name}] ready in {time.monotonic() - started:.0f} s", flush=True)

    def start(self, *extra):
        command = [PYTHON, "-m", "gunicorn", "config.wsgi:application", "--config", "deploy/gunicorn.conf.py",
                   "--bind", f"127.0.0.1:{self.port}", "--workers", "2", *extra]  # fmt: skip
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, cwd=self.tree, env=_env(self.var_dir), stdout=log, stderr=log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer; see {self.log}")

    def stop(self):
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url(path), timeout=30) as response:
            return response.read().decode("utf-8", "replace")

    def resolve(self) -> dict:
        """The addresses of the static file and of a public document, read from the pages."""
        home = self.get("/")
        static = re.search(r'href="(/static/css/site[^"]*\.css)"', home).group(1)
        manual = self.get("/services/commercial-registration/")
        document = re.search(r'href="(/documents/\d+/[^"]+)"', manual).group(1)
        return {"static": static, "document": document}

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def cleanup(self, keep: bool):
        self.stop()
        if not keep:
            shutil.rmtree(self.var_dir, ignore_errors=True)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _seconds(value: str, unit: str) -> float:
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def wrk(url: str, duration: float, connections: int, script: Path | None = None) -> dict:
    """One wrk run: req/s, p50 and p99 (ms), requests, non-2xx/3xx responses and socket errors."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{max(1, int(duration))}s", "--timeout", "10s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for label, key in (("50%", "p50"), ("99%", "p99")):
        match = re.search(rf"\s{re.escape(label)}\s+([\d.]+)(us|ms|s|m)\b", output)
        result[key] = _seconds(*match.groups()) * 1000 if match else float("nan")
    result["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    match = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non2xx"] = int(match.group(1)) if match else 0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["socket_errors"] = sum(int(n) for n in match.groups()) if match else 0
    return result


def measure(server: Server, duration: float, connections: int) -> dict:
    addresses = server.resolve()
    results = {}
    for label, path in TARGETS:
        path = path.format(**addresses)
        for _ in range(3):  # warm: the page cache, the shared cache, the workers' imports
            server.get(path)
        results[label] = wrk(server.url(path), duration, connections)
        print(f"[{server.name}] {label:28} {results[label]['rps']:9.1f} req/s", flush=True)
    return results


def _table(results: dict, against: dict | None, against_name: str) -> str:
    static = results["static file (WhiteNoise)"]["rps"]
    header = "| page | req/s | p50 ms | p99 ms | non-2xx | ÷ static |"
    rule = "|---|---:|---:|---:|---:|---:|"
    if against:
        header += f" {against_name} req/s | × {against_name} |"
        rule += "---:|---:|"
    lines = [header, rule]
    for label, row in results.items():
        line = (f"| {label} | {row['rps']:,.0f} | {row['p50']:.1f} | {row['p99']:.1f} | {row['non2xx']} | "
                f"{row['rps'] / static:.2f} |")  # fmt: skip
        if against:
            theirs = against[label]["rps"]
            line += f" {theirs:,.0f} | {row['rps'] / theirs:.1f} |"
        lines.append(line)
    return "\n".join(lines)


def soak(server: Server, seconds: float) -> list[str]:
    lines = []
    for label, path in (("cached page", "/news/dengue-campaign/"), ("home, uncached", f"/?{UNCACHED}")):
        row = wrk(server.url(path), seconds, 64)
        verdict = "ok" if row["non2xx"] == 0 and row["socket_errors"] == 0 else "FAILED"
        lines.append(f"| {label} | 64 | {seconds:.0f} s | {row['requests']:,} | {row['non2xx']} | "
                     f"{row['socket_errors']} | {row['p99']:.0f} | {verdict} |")  # fmt: skip
    return lines


def memory(server: Server, total: int) -> list[str]:
    addresses = server.resolve()
    paths = [path.format(**addresses) for path in MIX]
    for n in range(100):
        server.get(paths[n % len(paths)])
    pids = server.worker_pids()
    before = {pid: _rss_mb(pid) for pid in pids}
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    quoted = ", ".join(f'"{path}"' for path in paths)
    script.write_text(f"paths = {{{quoted}}}\ncounter = 0\nrequest = function()\n  counter = counter + 1\n"
                      "  return wrk.format(nil, paths[(counter % #paths) + 1])\nend\n")  # fmt: skip
    done = 100
    while done < total:
        done += wrk(server.url("/"), 10, 8, script)["requests"]
    script.unlink()
    lines = []
    for pid in pids:
        after = _rss_mb(pid) if Path(f"/proc/{pid}").exists() else float("nan")
        growth = (after - before[pid]) / before[pid] * 100
        lines.append(f"| worker {pid} | {before[pid]:.0f} MB | {after:.0f} MB | {growth:+.1f} % | "
                     f"{'ok' if abs(growth) <= 20 else 'over 20 %'} |")  # fmt: skip
    lines.append(f"\n{done:,} requests in all (a mix of {len(paths)} pages).")
    return lines


def recycling(server: Server, duration: float, static_p99: float) -> str:
    server.stop()
    restarts_before = server.log.read_text(errors="replace").count("Autorestarting worker")
    server.start("--max-requests", "500", "--max-requests-jitter", "250")
    static = server.resolve()["static"]
    row = wrk(server.url(static), duration, 16)
    restarts = server.log.read_text(errors="replace").count("Autorestarting worker") - restarts_before
    server.stop()
    return (f"| static file, workers recycled every 500-750 requests | {row['rps']:,.0f} | {row['p99']:.1f} | "
            f"{restarts} | {static_p99:.1f} |")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", help="another git revision to measure the same way, e.g. 50db513")
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--soak-seconds", type=float, default=30)
    parser.add_argument("--memory-requests", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="3 s runs, a 10 s soak, 2,000 requests for memory")
    parser.add_argument(
        "--keep",
        action="store_true",
        help=f"keep the demo databases in {BENCH_DIR} and reuse them next time (preparing one takes minutes)",
    )
    args = parser.parse_args()
    if args.quick:
        args.duration, args.soak_seconds, args.memory_requests = 3, 10, 2_000
    if shutil.which("wrk") is None:
        subprocess.run([str(ROOT / "scripts" / "debian-deps.sh"), "wrk"], check=True)

    def var_dir(name):
        path = BENCH_DIR / name if args.keep else Path(tempfile.mkdtemp(prefix=f"prongsai-bench-{name}-"))
        path.mkdir(parents=True, exist_ok=True)
        return path

    ours = Server("this", ROOT, var_dir("this"))
    theirs = worktree = None
    try:
        ours.prepare()
        if args.against:
            worktree = Path(tempfile.mkdtemp(prefix="prongsai-bench-rev-"))
            subprocess.run(["git", "worktree", "add", "--detach", str(worktree), args.against], cwd=ROOT, check=True,
                           capture_output=True)  # fmt: skip
            theirs = Server(args.against, worktree, var_dir(f"rev-{args.against}"))
            theirs.prepare()

        ours.start()
        results = measure(ours, args.duration, args.connections)
        ours.stop()
        against = None
        if theirs is not None:
            theirs.start()
            against = measure(theirs, args.duration, args.connections)
            theirs.stop()

        ours.start()
        soak_lines = soak(ours, args.soak_seconds)
        # Memory growth is measured without recycling (max_requests would replace a leaking worker, and the soak's
        # requests count towards it).
        ours.stop()
        ours.start("--max-requests", "0")
        memory_lines = memory(ours, args.memory_requests)
        recycle_line = recycling(ours, args.duration, results["static file (WhiteNoise)"]["p99"])

        print(f"\n## Pages ({args.connections} connections, {args.duration:.0f} s each, 2 gunicorn workers)\n")
        print(_table(results, against, args.against or ""))
        print(f"\n## No errors under load (64 connections, {args.soak_seconds:.0f} s)\n")
        print("| page | connections | time | requests | non-2xx | socket errors | p99 ms | |")
        print("|---|---:|---:|---:|---:|---:|---:|---|")
        print("\n".join(soak_lines))
        print(f"\n## Worker memory (RSS) after 100 and after {args.memory_requests:,} requests\n")
        print("| worker | after 100 | after all | growth | |\n|---|---:|---:|---:|---|")
        print("\n".join(memory_lines))
        print("\n## Worker recycling\n")
        print("| run | req/s | p99 ms | workers restarted | p99 ms without recycling |\n|---|---:|---:|---:|---:|")
        print(recycle_line)
    finally:
        ours.cleanup(args.keep)
        if theirs is not None:
            theirs.cleanup(args.keep)
        if worktree is not None:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, capture_output=True)


if __name__ == "__main__":
    main()
