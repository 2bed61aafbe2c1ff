"""Debian's nginx as a reverse proxy in front of a server on 127.0.0.1, the way GWS deployments
sit behind a load balancer: HTTP/1.1 with upstream keep-alive, no response buffering (long
polling), read timeouts above any Bayeux hold, WebSocket upgrades passed through.

    with NginxProxy(upstream_port=8080) as proxy:
        proxy.base_url      # http://127.0.0.1:<free port>

nginx runs as the current user, `daemon off`, from a temporary folder holding its
configuration, pid file, logs and temp paths. We bind the listening socket ourselves and hand it
to nginx in the `NGINX` environment variable (as nginx passes sockets to a new binary on
upgrade): the port is free and known before nginx starts, and no connection is refused while it
starts.
"""

from __future__ import annotations

import grp
import os
import pwd
import queue
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from pathlib import Path
from types import TracebackType

NGINX_BINARY = "/usr/sbin/nginx"
START_BOUND = 10.0  # seconds for nginx to start its worker
STOP_BOUND = 10.0
READ_TIMEOUT_S = 120  # above any connect hold a profile may advertise (bayeux_hold default 35 s)

CONFIG_TEMPLATE = """\
daemon off;
{user}master_process on;
worker_processes 1;
pid {root}/nginx.pid;
error_log stderr notice;

events {{
    worker_connections 512;
}}

http {{
    log_format timed '$msec $request_time $upstream_response_time $status "$request" c=$connection r=$connection_requests u=$upstream_addr uc=$upstream_connect_time';
    access_log {root}/access.log timed;
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;

    # The target judges its own limits (body size, headers); the proxy must not answer for it.
    client_max_body_size 0;
    large_client_header_buffers 8 64k;
    underscores_in_headers on;

    # WebSocket: an Upgrade request is passed on with Connection: upgrade; any other request
    # with no Connection header, so that the upstream connection is kept alive.
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      '';
    }}

    upstream target {{
        server 127.0.0.1:{upstream_port};
        keepalive 16;
        # Idle upstream connections go before the server's keep-alive (30 s) would close
        # them: a POST on a connection the server is closing would be answered 502, not retried.
        keepalive_timeout 20s;
    }}

    server {{
        listen 127.0.0.1:{port};

        location / {{
            proxy_pass http://target;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # Long polling: a held /meta/connect is answered whenever an event comes; nothing
            # may sit in a proxy buffer, and no timeout may end a hold before the server does.
            proxy_buffering off;
            proxy_read_timeout {read_timeout}s;
            proxy_send_timeout {read_timeout}s;
        }}
    }}
}}
"""


def nginx_missing_reason() -> str | None:
    if not os.access(NGINX_BINARY, os.X_OK):
        return f"{NGINX_BINARY} is missing: install Debian's nginx (apt-get install nginx)"
    return None


def _user_directive() -> str:
    """Run by root, nginx's workers would switch to `nobody`, who cannot use our temp folder:
    they stay the current user. (Anyone else runs nginx as themselves; `user` would only warn.)"""
    if os.geteuid() != 0:
        return ""
    return f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};\n"


def render_config(root: Path, port: int, upstream_port: int, read_timeout: int = READ_TIMEOUT_S) -> str:
    return CONFIG_TEMPLATE.format(
        user=_user_directive(), root=root, port=port, upstream_port=upstream_port, read_timeout=read_timeout
    )


class NginxProxy:
    """nginx proxying 127.0.0.1:<free port> to 127.0.0.1:`upstream_port`, until `stop()`."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.port = 0
        self.root: Path | None = None
        self.process: subprocess.Popen[str] | None = None
        self._listener: socket.socket | None = None
        self._stderr: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> NginxProxy:
        reason = nginx_missing_reason()
        if reason:
            raise RuntimeError(reason)
        self.root = Path(tempfile.mkdtemp(prefix="gwsct-nginx-"))
        listener = self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(511)
        self.port = listener.getsockname()[1]
        config = self.root / "nginx.conf"
        config.write_text(render_config(self.root, self.port, self.upstream_port), encoding="utf-8")
        fd = listener.fileno()
        self.process = subprocess.Popen(
            [NGINX_BINARY, "-p", f"{self.root}/", "-c", str(config), "-e", "stderr"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            pass_fds=(fd,),
            start_new_session=True,
            env={**os.environ, "NGINX": f"{fd};"},
        )
        self._reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._reader.start()
        try:
            self._await_worker()
        except BaseException:
            self.stop()
            raise
        return self

    def _read_stderr(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        for line in self.process.stderr:
            self._stderr.append(line)
            self._lines.put(line)
        self._lines.put(None)

    def _await_worker(self) -> None:
        """Until nginx logs that its worker started (it then accepts on our socket)."""
        while True:
            try:
                line = self._lines.get(timeout=START_BOUND)
            except queue.Empty:
                raise RuntimeError(f"nginx did not start a worker within {START_BOUND:g} s: {self.log()}") from None
            if line is None:
                raise RuntimeError(f"nginx exited while starting: {self.log()}")
            if "start worker process " in line:
                return

    def log(self) -> str:
        return "".join(self._stderr)[-3000:]

    def access_log(self) -> str:
        path = self.root / "access.log" if self.root else None
        return path.read_text(encoding="utf-8", errors="replace") if path and path.is_file() else ""

    def stop(self) -> None:
        process = self.process
        if process is not None and process.returncode is None:
            process.terminate()  # SIGTERM: nginx's fast shutdown; the master ends its worker
            try:
                process.wait(STOP_BOUND)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # its own session: the master and its worker
                process.wait(STOP_BOUND)
            if self._reader is not None:
                self._reader.join(STOP_BOUND)  # to the end of stderr, closed with nginx
            if process.stderr is not None:
                process.stderr.close()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> NginxProxy:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
