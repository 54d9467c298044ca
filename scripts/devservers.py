"""Throwaway Neo4j and SPARQL servers for diplograph's tests and for trying it by hand.

Each ``start_*`` function launches a real server on a free loopback port, with its
data in a fresh temporary directory, waits until the server answers a real
request, and returns a :class:`Server` whose ``stop()`` ends that one process and
deletes the directory. The servers are the ones diplograph's users run: Neo4j 5.26
Community and Apache Jena Fuseki 5 (jars resolved from Maven Central by
``scripts/fetch-servers``; nothing is downloaded here) and ``oxigraph serve`` from
the ``oxigraph`` PyPI package.

This is tooling, not part of the installed package, so it needs only the standard
library, plus the ``neo4j`` driver for Neo4j's readiness check.

Example::

    import devservers

    with devservers.start_neo4j() as neo4j:
        print(neo4j.uri)  # bolt://127.0.0.1:41093
    with devservers.start_fuseki() as fuseki:
        print(fuseki.query_url, fuseki.update_url)
"""

from __future__ import annotations

import atexit
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO

START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 60.0
FETCH_HINT = "run scripts/fetch-servers (it resolves the jars from Maven Central)"

# Loopback requests must never go through a proxy taken from the environment.
_http = urllib.request.build_opener(urllib.request.ProxyHandler({}))

# Servers started and not yet stopped, for the atexit hook.
_running: set[Server] = set()


class ServerError(RuntimeError):
    """A server is missing, failed to start, or did not become ready in time."""


def default_cache() -> Path:
    """The folder scripts/fetch-servers fills, shared by every checkout on the machine."""
    configured = os.environ.get("DIPLOGRAPH_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "diplograph"


class Server:
    """One running server process and the temporary directory it owns.

    Attributes:
        name: Human-readable name used in messages.
        port: Loopback TCP port the server listens on.
        process: The server's own process (a JVM or oxigraph; no wrapper shell).
        workdir: Temporary directory holding data, config and log; deleted by stop().
        log_path: The server's combined stdout and stderr.
    """

    def __init__(self, name: str, port: int, process: subprocess.Popen[bytes],
                 workdir: Path, log_path: Path, log_file: IO[bytes]) -> None:
        self.name = name
        self.port = port
        self.process = process
        self.workdir = workdir
        self.log_path = log_path
        self._log_file = log_file
        _running.add(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} pid={self.process.pid} port={self.port}>"

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def addresses(self) -> tuple[str, ...]:
        """What a client connects to, printed by the dev-server scripts."""
        raise NotImplementedError

    def log_tail(self, lines: int = 40) -> str:
        """Last lines of the server's log, for error messages."""
        return _tail(self.log_path, lines)

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after a grace period) and delete its directory.

        Only this server's own PID is signalled. Calling stop() again does nothing.
        """
        _running.discard(self)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


class Neo4jServer(Server):
    """A Neo4j server with authentication off; connect with ``auth=None``.

    Attributes:
        uri: Bolt address, e.g. ``bolt://127.0.0.1:41093``.
    """

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def addresses(self) -> tuple[str, ...]:
        return (self.uri,)


class SparqlServer(Server):
    """A SPARQL 1.1 Query and Update endpoint over HTTP.

    Attributes:
        query_url: SPARQL Query endpoint.
        update_url: SPARQL Update endpoint.
    """

    def __init__(self, name: str, port: int, process: subprocess.Popen[bytes], workdir: Path,
                 log_path: Path, log_file: IO[bytes], *, query_path: str, update_path: str) -> None:
        super().__init__(name, port, process, workdir, log_path, log_file)
        self.query_url = f"http://127.0.0.1:{self.port}{query_path}"
        self.update_url = f"http://127.0.0.1:{self.port}{update_path}"

    @property
    def addresses(self) -> tuple[str, ...]:
        return (self.query_url, self.update_url)


@atexit.register
def _stop_all() -> None:
    """Stop servers a caller forgot or could not stop (an interrupted test session)."""
    for server in list(_running):
        server.stop()


def start_neo4j(cache: Path | None = None, heap: str = "512m", page_cache: str = "64m",
                port: int | None = None, timeout: float = START_TIMEOUT_S) -> Neo4jServer:
    """Start Neo4j 5.26 Community with only Bolt on 127.0.0.1, auth off, and a throwaway store.

    The JVM runs ``org.neo4j.server.CommunityEntryPoint`` directly rather than
    through Neo4j's launcher, so there is one process to stop and the heap is set
    here instead of by the launcher's memory check.

    Args:
        cache: Folder filled by scripts/fetch-servers; DIPLOGRAPH_CACHE or ~/.cache/diplograph if None.
        heap: JVM heap (-Xms and -Xmx), in Java's size syntax.
        page_cache: Neo4j page cache size.
        port: Bolt port; a free one if None.
        timeout: Seconds to wait for a Bolt ``RETURN 1`` to answer.

    Returns:
        The running server; stop it, or use it as a context manager.

    Raises:
        ServerError: jars or java are missing, or the server did not start (with its log tail).
    """
    lib = (cache or default_cache()) / "neo4j-5.26" / "lib"
    if not list(lib.glob("neo4j-server-5.26.*.jar")):
        raise ServerError(f"Neo4j jars not found in {lib}: {FETCH_HINT}.")
    java = _java()
    port = port or _free_port()
    workdir = Path(tempfile.mkdtemp(prefix="diplograph-neo4j-"))
    conf = workdir / "conf"
    conf.mkdir()
    # Neo4j 5 rejects unknown keys, so every line here is a real setting. All data,
    # logs and run files default to folders under --home-dir, i.e. under workdir.
    (conf / "neo4j.conf").write_text("\n".join([
        "server.default_listen_address=127.0.0.1",
        f"server.bolt.listen_address=127.0.0.1:{port}",
        f"server.bolt.advertised_address=127.0.0.1:{port}",
        "server.http.enabled=false",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=false",
        "dbms.usage_report.enabled=false",
        f"server.memory.pagecache.size={page_cache}",
        # Without this each database reserves a 256 MB transaction log on disk up front.
        "db.tx_log.preallocate=false",
        # Bolt's event loops otherwise wait twice 5 s for stragglers on shutdown.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        "",
    ]))
    argv = [
        java, f"-Xms{heap}", f"-Xmx{heap}",
        "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow",
        "-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
        "-cp", f"{lib}/*", "org.neo4j.server.CommunityEntryPoint",
        f"--home-dir={workdir}", f"--config-dir={conf}", "--console-mode",
    ]
    server = Neo4jServer("Neo4j", port, *_spawn(argv, workdir))
    _wait_until_ready(server, lambda: _bolt_answers(server.uri), timeout)
    return server


def start_fuseki(cache: Path | None = None, heap: str = "256m", port: int | None = None,
                 timeout: float = START_TIMEOUT_S, data_dir: Path | None = None,
                 users: dict[str, str] | None = None) -> SparqlServer:
    """Start Apache Jena Fuseki 5 with a TDB2 dataset ``/ds`` whose default graph is the union
    of its named graphs (``tdb2:unionDefaultGraph``), as diplograph asks of a SPARQL server.

    Args:
        cache: Folder filled by scripts/fetch-servers; DIPLOGRAPH_CACHE or ~/.cache/diplograph if None.
        heap: JVM maximum heap, in Java's size syntax.
        port: HTTP port; a free one if None.
        timeout: Seconds to wait for ``/$/ping`` to answer.
        data_dir: A database directory that outlives the server (stop() leaves it), so a test
            can kill the server and start another on the same data; a throwaway one if None.
        users: Names and passwords HTTP basic authentication accepts; no authentication if None.

    Returns:
        The running server with ``query_url`` and ``update_url``.

    Raises:
        ServerError: the jar or java is missing, or the server did not start (with its log tail).
    """
    folder = (cache or default_cache()) / "fuseki-5"
    jars = sorted(folder.glob("jena-fuseki-server-*.jar"))
    if not jars:
        raise ServerError(f"Fuseki jar not found in {folder}: {FETCH_HINT}.")
    java = _java()
    port = port or _free_port()
    workdir = Path(tempfile.mkdtemp(prefix="diplograph-fuseki-"))
    data_dir = data_dir or workdir / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    auth = []
    if users:
        (workdir / "passwd").write_text("".join(f"{name}: {password}\n"
                                                for name, password in users.items()))
        auth = [f"--passwd={workdir / 'passwd'}", "--auth=basic"]
    argv = [java, f"-Xmx{heap}", "-jar", str(jars[-1]), "--localhost", f"--port={port}",
            "--ping", "--update", *auth, "--tdb2", f"--loc={data_dir}",
            "--set", "tdb2:unionDefaultGraph=true", "/ds"]
    server = SparqlServer("Fuseki", port, *_spawn(argv, workdir),
                          query_path="/ds/query", update_path="/ds/update")
    _wait_until_ready(server, lambda: _http_ok(f"http://127.0.0.1:{port}/$/ping",
                                               also=(401,) if users else ()), timeout)
    return server


def start_oxigraph_server(port: int | None = None, timeout: float = START_TIMEOUT_S,
                          data_dir: Path | None = None, read_only: bool = False) -> SparqlServer:
    """Start ``oxigraph serve`` (from the ``oxigraph`` PyPI package) on an on-disk store.

    Args:
        port: HTTP port; a free one if None.
        timeout: Seconds to wait for a SPARQL ``ASK {}`` to answer.
        data_dir: A database directory that outlives the server (stop() leaves it); a throwaway
            one if None.
        read_only: Run ``oxigraph serve-read-only``, which refuses every write.

    Returns:
        The running server with ``query_url`` and ``update_url``.

    Raises:
        ServerError: the oxigraph command is missing, or the server did not start (with its log tail).
    """
    # The venv running us may not be on PATH (pytest called by its full path).
    beside = Path(sys.executable).parent / "oxigraph"
    binary = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if binary is None:
        raise ServerError("The oxigraph command was not found: pip install oxigraph.")
    port = port or _free_port()
    workdir = Path(tempfile.mkdtemp(prefix="diplograph-oxigraph-"))
    argv = [binary, "serve-read-only" if read_only else "serve", "--bind", f"127.0.0.1:{port}",
            "--location", str(data_dir or workdir / "data")]
    server = SparqlServer("oxigraph serve", port, *_spawn(argv, workdir),
                          query_path="/query", update_path="/update")
    _wait_until_ready(server, lambda: _http_ok(f"{server.query_url}?query=ASK%7B%7D"), timeout)
    return server


def serve_until_interrupted(start: Callable[[], Server], program: str) -> int:
    """Run one server for a person at a terminal: print its addresses, wait for Ctrl-C or kill.

    Addresses go to stdout, one a line, so a script can read them; everything else to stderr.

    Returns:
        The exit status for the calling script: 0 after Ctrl-C, 1 if the server failed.
    """
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    # `kill` then stops the server and removes its directory, as Ctrl-C does.
    signal.signal(signal.SIGTERM, interrupt)
    started = time.monotonic()
    try:
        server = start()
    except ServerError as error:
        print(f"{program}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    with server:
        print(f"{server.name} ready in {time.monotonic() - started:.0f} s; data in {server.workdir} "
              f"(deleted on exit); log: {server.log_path}", file=sys.stderr)
        print("\n".join(server.addresses), flush=True)
        print("Press Ctrl-C to stop.", file=sys.stderr)
        try:
            code = server.process.wait()
        except KeyboardInterrupt:
            print(f"Stopping {server.name}...", file=sys.stderr)
            return 0
        print(f"{program}: {server.name} exited by itself with code {code}. Log tail:\n"
              f"{server.log_tail()}", file=sys.stderr)
        return 1


def _java() -> str:
    """The java to run: $JAVA_HOME/bin/java when set, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise ServerError("java was not found: install Java 17 or 21 "
                          "(apt-get install openjdk-17-jre-headless) or set JAVA_HOME.")
    return found


def _free_port() -> int:
    """A port free on 127.0.0.1 now; another process taking it before the server binds is rare."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent(parent_pid: int) -> Callable[[], None]:
    """A preexec hook asking Linux to SIGTERM the server if its parent dies, even by SIGKILL.

    atexit covers normal exits and Ctrl-C; this covers a test runner that is killed.
    """
    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before fork, not in the child
    pr_set_pdeathsig = 1

    def hook() -> None:
        prctl(pr_set_pdeathsig, signal.SIGTERM)
        if os.getppid() != parent_pid:  # the parent died before prctl took effect
            os._exit(1)
    return hook


def _spawn(argv: list[str], workdir: Path) -> tuple[subprocess.Popen[bytes], Path, Path, IO[bytes]]:
    """Start argv in workdir with output to workdir/server.log, in its own session.

    Its own session keeps a terminal's Ctrl-C from reaching the server directly, so
    the caller decides when and how it stops.
    """
    log_path = workdir / "server.log"
    log_file = log_path.open("wb")
    process = subprocess.Popen(
        argv, cwd=workdir, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_die_with_parent(os.getpid()) if sys.platform.startswith("linux") else None,
    )
    return process, workdir, log_path, log_file


def _wait_until_ready(server: Server, ready: Callable[[], bool], timeout: float) -> None:
    """Poll ready() until it holds; on failure stop the server and raise with its log tail."""
    started = time.monotonic()
    try:
        while not ready():
            code = server.process.poll()
            if code is not None:
                raise ServerError(f"{server.name} exited with code {code} before it was ready. "
                                  f"Log tail:\n{_server_log_tail(server)}")
            if time.monotonic() - started > timeout:
                raise ServerError(f"{server.name} (pid {server.process.pid}, port {server.port}) "
                                  f"was not ready after {timeout:.0f} s. Log tail:\n{_server_log_tail(server)}")
            time.sleep(0.25)
    except BaseException:
        server.stop()
        raise


def _server_log_tail(server: Server) -> str:
    """The console log tail, plus Neo4j's debug.log tail, which names the cause of most failures."""
    text = server.log_tail()
    debug_log = server.workdir / "logs" / "debug.log"
    if debug_log.is_file():
        text += f"\n--- {debug_log.name} ---\n{_tail(debug_log, 20)}"
    return text


def _tail(path: Path, lines: int) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError as error:
        return f"(no log: {error})"


def _http_ok(url: str, also: tuple[int, ...] = ()) -> bool:
    """True once `url` answers 200, or one of the statuses in `also` (401 behind a password)."""
    try:
        with _http.open(url, timeout=2) as response:
            return response.status == 200
    except urllib.error.HTTPError as error:
        return error.code in also
    except (urllib.error.URLError, OSError):
        return False


def _bolt_answers(uri: str) -> bool:
    """True once Bolt is open and the default database runs a query."""
    host, port = uri.removeprefix("bolt://").split(":")
    try:  # a cheap socket check first: the driver logs noisily while the port is closed
        socket.create_connection((host, int(port)), timeout=1).close()
    except OSError:
        return False
    try:
        import neo4j
        from neo4j.exceptions import DriverError, Neo4jError
    except ImportError as error:
        raise ServerError("The neo4j Python driver is needed to check the server: pip install neo4j.") from error
    try:
        with neo4j.GraphDatabase.driver(uri, auth=None, connection_timeout=2.0) as driver:
            # A session query, not execute_query: no built-in retry hiding a dead server for 30 s.
            with driver.session(database="neo4j") as session:
                return session.run("RETURN 1 AS ok").single(strict=True)["ok"] == 1
    except (DriverError, Neo4jError, OSError):
        return False
